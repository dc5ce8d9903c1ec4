import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  registerEnumType,
} from 'type-graphql';
import { JurisdictionRef, jurisdictionRef, PageArgs, requirePermission, sliceToConnection } from '@doudi/shared';
import { assertCanSeeCase, readsSensitive, seesWholeCase, takesPartIn } from './case.access.js';
import { Case, CaseConnection, PriorityGroup } from './case.entity.js';
import { ReferralConnection } from '../referral/referral.entity.js';
import { HouseholdRef } from '../household/household.ref.js';
import { OrganisationRef, optionalOrganisation, organisationRef } from '../organisation/organisation.ref.js';
import { CaseListArgs, HandToWindowInput, OpenCaseInput, OpenCasePayload } from './case.inputs.js';
import { getCase, listCases, openCase } from './case.service.js';
import { syncCases } from './case.sync.js';
import { handToWindow } from './case.first-question.js';
import type { Context } from '../context.js';
import type { GraphQLResolveInfo } from 'graphql';
import { connectionSelection } from './case.selection.js';

export enum GreenChannelSource {
  DECLARED = 'DECLARED',
  HOUSEHOLD_FACTS = 'HOUSEHOLD_FACTS',
}
registerEnumType(GreenChannelSource, {
  name: 'GreenChannelSource',
  valuesConfig: {
    DECLARED: { description: 'Ticked by whoever opened the case.' },
    HOUSEHOLD_FACTS: { description: 'Shown by the household’s record when the case was opened.' },
  },
});

@ObjectType({ description: '晋检发办字〔2023〕10号 第五条: why a case is in the green channel (绿色通道).' })
export class GreenChannelReason {
  @Field(() => PriorityGroup)
  group: PriorityGroup;

  @Field(() => GreenChannelSource)
  source: GreenChannelSource;

  @Field(() => String, { nullable: true, description: 'The fact that placed it, in words (no personal data).' })
  fact: string | null;
}

/** The green-channel groups a caller may see: health-based ones only with households:read-sensitive (docs/architecture.md, Security model). */
export function greenChannelReasonsFor(found: Case, sensitive: boolean): GreenChannelReason[] {
  const declared = found.priorityGroups.map((group) => ({ group, source: GreenChannelSource.DECLARED, fact: null }));
  const derived = (found.greenChannelFacts ?? [])
    .filter((f) => sensitive || !found.sensitivePriorityGroups.includes(f.group))
    .map((f) => ({ group: f.group, source: GreenChannelSource.HOUSEHOLD_FACTS, fact: f.fact }));
  return [...declared, ...derived];
}

@Resolver(() => Case)
export class CaseResolver {
  @Query(() => Case, { description: 'One case; NOT_FOUND if there is none with this id.' })
  async case(@Arg('id', () => ID) id: string, @Ctx() { em, principal, loaders }: Context) {
    requirePermission(principal, 'cases:read');
    const found = await getCase(em, id);
    await assertCanSeeCase(principal, found, loaders);
    return found;
  }

  @Query(() => CaseConnection, { description: 'Cases, newest first.' })
  cases(
    @Args(() => CaseListArgs) args: CaseListArgs,
    @Ctx() { em, principal }: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    if (args.filter?.updatedSince) return syncCases(em, principal, args, connectionSelection(info));
    return listCases(em, principal, args, connectionSelection(info));
  }

  @Mutation(() => OpenCasePayload, {
    description: 'Opens a case at its channel’s first stage, with the first task due as the jurisdiction counts it.',
  })
  async openCase(@Arg('input', () => OpenCaseInput) input: OpenCaseInput, @Ctx() ctx: Context) {
    return { case: await openCase(ctx, input) };
  }

  @Mutation(() => OpenCasePayload, {
    description:
      '首问负责制 (周政办字〔2017〕70号 四(四)): the organisation first asked hands the request to the township window, which ' +
      'leads the case and must transfer it within WINDOW_TRANSFER (in its inbox); the first-asked organisation is ' +
      'recorded as firstQuestionOrganisation and keeps reading what it handed over.',
  })
  async handToWindow(@Arg('input', () => HandToWindowInput) input: HandToWindowInput, @Ctx() ctx: Context) {
    return { case: await handToWindow(ctx, input) };
  }

  @FieldResolver(() => HouseholdRef)
  household(@Root() found: Case): HouseholdRef {
    return { id: found.householdId };
  }

  @FieldResolver(() => JurisdictionRef, { description: 'The jurisdiction responsible (its deadlines apply).' })
  jurisdiction(@Root() found: Case): JurisdictionRef {
    return jurisdictionRef(found.jurisdictionCode);
  }

  @FieldResolver(() => OrganisationRef)
  leadOrganisation(@Root() found: Case): OrganisationRef {
    return organisationRef(found.leadOrganisationId);
  }

  @FieldResolver(() => OrganisationRef, {
    nullable: true,
    description: 'Where the case began, e.g. the police unit that handled the death.',
  })
  originOrganisation(@Root() found: Case) {
    return optionalOrganisation(found.originOrganisationId);
  }

  @FieldResolver(() => OrganisationRef, { nullable: true, description: 'HOTLINE: whoever was asked first.' })
  firstQuestionOrganisation(@Root() found: Case) {
    return optionalOrganisation(found.firstQuestionOrganisationId);
  }

  @FieldResolver(() => OrganisationRef, { nullable: true, description: 'The intake window that transfers it.' })
  windowOrganisation(@Root() found: Case) {
    return optionalOrganisation(found.windowOrganisationId);
  }

  @FieldResolver(() => OrganisationRef, { nullable: true, description: 'The office a lead was assigned to.' })
  officeOrganisation(@Root() found: Case) {
    return optionalOrganisation(found.officeOrganisationId);
  }

  @FieldResolver(() => Boolean, {
    description:
      '晋检发办字〔2023〕10号 第五条 (绿色通道): a priority group was ticked or the household’s facts show one. Such a case ' +
      'comes first among equals in every inbox and case list (see greenChannelReasons).',
  })
  greenChannel(@Root() found: Case): boolean {
    return found.greenChannel || found.priorityGroups.length > 0;
  }

  @FieldResolver(() => [GreenChannelReason], {
    description:
      'Why the case is in the green channel: the groups ticked and those the household’s facts show (a veteran or ' +
      'entitled member, a member under 18, a woman at the head, a relapse-risk monitoring status, a disability — ' +
      'the last only for those who may read health facts).',
  })
  greenChannelReasons(@Root() found: Case, @Ctx() { principal }: Context): GreenChannelReason[] {
    return greenChannelReasonsFor(found, readsSensitive(principal, found));
  }

  @FieldResolver(() => ReferralConnection, {
    description:
      'Referrals made for this case, oldest first. An organisation taking part only through a referral sees its own.',
  })
  async referrals(@Root() found: Case, @Args(() => PageArgs) args: PageArgs, @Ctx() { loaders, principal }: Context) {
    const all = await loaders.referralsByCase.load(found.id);
    const shown = seesWholeCase(principal, found) ? all : all.filter((r) => takesPartIn(principal, r));
    return sliceToConnection(shown, args);
  }
}
