import { Arg, Ctx, Field, FieldResolver, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { Case } from '../case/case.entity.js';
import { LifeArea, SENSITIVE_AREAS } from '../case/case.enums.js';
import { Visit } from './visit.entity.js';
import { readsSensitive } from '../case/case.access.js';
import { RecordVisitInput, VisitPayload } from './visit.inputs.js';
import { recordVisit } from './visit.service.js';
import { OrganisationRef, organisationRef } from '../organisation/organisation.ref.js';
import type { Context } from '../context.js';

@ObjectType({ description: 'One area of the family’s life as the visitors found it.' })
export class LifeAreaFinding {
  @Field(() => LifeArea)
  area: LifeArea;

  @Field(() => String, { nullable: true, description: 'Null for MEDICAL and MENTAL_HEALTH unless you may read them.' })
  situation: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Null where the situation is withheld.' })
  needsHelp: boolean | null;

  @Field(() => Boolean, {
    description: 'True when the finding is a health fact you may not read (docs/architecture.md, Security model).',
  })
  withheld: boolean;
}

@Resolver(() => Case)
export class CaseVisitsResolver {
  @FieldResolver(() => [Visit], { description: 'Visits to the family, in the order they happened.' })
  visits(@Root() found: Case, @Ctx() { loaders }: Context) {
    return loaders.visitsByCase.load(found.id);
  }
}

@Resolver(() => Visit)
export class VisitResolver {
  @Mutation(() => VisitPayload, {
    description: 'Records a visit; a death case then awaits the station’s report, a lead its collective review.',
  })
  async recordVisit(@Arg('input', () => RecordVisitInput) input: RecordVisitInput, @Ctx() ctx: Context) {
    return { visit: await recordVisit(ctx, input) };
  }

  @FieldResolver(() => [OrganisationRef])
  visitorOrganisations(@Root() visit: Visit): OrganisationRef[] {
    return visit.visitorOrganisationIds.map(organisationRef);
  }

  @FieldResolver(() => [LifeAreaFinding], {
    description: 'MEDICAL and MENTAL_HEALTH read null unless you may read sensitive facts in the case’s jurisdiction.',
  })
  async findings(@Root() visit: Visit, @Ctx() { loaders, principal }: Context): Promise<LifeAreaFinding[]> {
    const found = await loaders.case.load(visit.caseId);
    const sensitive = found !== null && readsSensitive(principal, found);
    return visit.findings.map((f) =>
      sensitive || !SENSITIVE_AREAS.includes(f.area)
        ? { ...f, withheld: false }
        : { area: f.area, situation: null, needsHelp: null, withheld: true },
    );
  }
}
