import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Case } from '../case/case.entity.js';
import { CaseEvent } from './case-event.entity.js';
import { Referral } from '../referral/referral.entity.js';
import { seesWholeCase, takesPartIn } from '../case/case.access.js';
import { OrganisationRef, optionalOrganisation } from '../organisation/organisation.ref.js';
import { CaseDocument } from '../document/document.entity.js';
import { mayRead } from '../document/document.service.js';
import type { Context } from '../context.js';

@Resolver(() => Case)
export class CaseTimelineResolver {
  @FieldResolver(() => [CaseEvent], {
    description:
      'Every step, oldest first. An organisation taking part only through referrals or follow-ups sees the steps ' +
      'about its own referrals and those it took itself.',
  })
  async timeline(@Root() found: Case, @Ctx() { loaders, principal }: Context) {
    const events = await loaders.eventsByCase.load(found.id);
    if (seesWholeCase(principal, found)) return events;
    const own = new Set(
      (await loaders.referralsByCase.load(found.id)).filter((r) => takesPartIn(principal, r)).map((r) => r.id),
    );
    return events.filter(
      (e) => (e.referralId !== null && own.has(e.referralId)) || e.actorOrganisationId === principal.organisationId,
    );
  }
}

@Resolver(() => CaseEvent)
export class CaseEventResolver {
  @FieldResolver(() => OrganisationRef, { nullable: true, description: 'The organisation of whoever took the step.' })
  actorOrganisation(@Root() event: CaseEvent) {
    return optionalOrganisation(event.actorOrganisationId);
  }

  @FieldResolver(() => Referral, { nullable: true, description: 'The referral the step was about.' })
  referral(@Root() event: CaseEvent, @Ctx() { loaders }: Context) {
    return event.referralId ? loaders.referral.load(event.referralId) : null;
  }

  @FieldResolver(() => CaseDocument, {
    nullable: true,
    description: 'The letter the step generated or the material it attached; null when you may not read it.',
  })
  async document(@Root() event: CaseEvent, @Ctx() ctx: Context) {
    if (!event.documentId) return null;
    const document = await ctx.loaders.caseDocument.load(event.documentId);
    return document && (await mayRead(ctx, document)) ? document : null;
  }
}
