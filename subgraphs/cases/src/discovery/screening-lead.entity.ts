import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar, newId } from '@doudi/shared';

/** One programme a screening matched, as cases keeps it (shared/src/events/screening.ts, ScreeningLeadMatch). */
export interface StoredMatch {
  programmeId: string;
  programmeName: string;
  versionId: string | null;
  clause: string;
  facts: Record<string, unknown>;
}

/**
 * A lead found by screening every household (河鱼府发【2021】39号 二(四) 信息比对; 临社救办发〔2015〕3号 二(一) 应保尽保), as it
 * arrived in `screening.lead.found`. One per situation (unique situationKey), however often the event is delivered or
 * the screening runs; the intake job opens its DATA_COMPARISON case (caseId) at the residence township.
 */
@Entity({ tableName: 'screening_lead' })
@Unique({ properties: ['situationKey'] })
@Index({
  name: 'screening_lead_pending_index',
  expression:
    'create index "screening_lead_pending_index" on "cases"."screening_lead" ("received_at") where "case_id" is null',
})
export class ScreeningLead {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'text' })
  situationKey: string;

  @Property({ type: 'uuid', index: true })
  householdId: string;

  @Property({ type: 'string', length: 12 })
  hukouCode: string;

  @Property({ type: 'string', length: 12 })
  residenceCode: string;

  /** The residence's township (河鱼府发【2021】39号 二(二): 居住地负责主动发现): where the lead is opened. */
  @Property({ type: 'string', length: 12 })
  townshipCode: string;

  @Property({ type: 'json' })
  matches: StoredMatch[];

  @Property({ type: 'text[]' })
  keyGroups: string[] = [];

  @Property({ type: 'date' })
  screenedOn: string;

  /** The event it came in (the first delivery of its situation). */
  @Property({ type: 'uuid' })
  eventId: string;

  @Property({ type: 'datetime' })
  receivedAt: Date = new Date();

  /** The case opened for it; null while waiting for the intake job. */
  @Property({ type: 'uuid', nullable: true, unique: true })
  caseId: string | null = null;

  /** Why it still waits (e.g. no organisation registered to receive the township's leads). */
  @Property({ type: 'text', nullable: true })
  problem: string | null = null;
}

@ObjectType({ description: 'One fact a screening rule read, with the household’s value (as JSON text).' })
export class ScreeningFact {
  @Field(() => String, { description: 'The fact’s path, e.g. household.perCapitaIncome.' })
  path: string;

  @Field(() => String, {
    nullable: true,
    description: 'Its value as JSON, e.g. 640.5, "RURAL", true; null when withheld.',
  })
  value: string | null;

  @Field(() => Boolean, {
    description:
      'A health fact (disability, illness) the caller may not read in the case’s places (households:read-sensitive): value null.',
  })
  withheld: boolean;
}

@ObjectType({ description: 'A programme the household newly qualifies for, as the screening found it.' })
export class ScreeningMatch {
  @Field(() => ID)
  programmeId: string;

  @Field(() => String)
  programmeName: string;

  @Field(() => ID, { nullable: true, description: 'The programme version in force (null: its template’s).' })
  versionId: string | null;

  @Field(() => String, { description: 'The rule (clause) that matched, as published.' })
  clause: string;

  @Field(() => [ScreeningFact])
  facts: ScreeningFact[];
}

@ObjectType({
  description:
    'Why a DATA_COMPARISON lead was opened: what the screening of every household found (河鱼府发【2021】39号 二(四)).',
})
export class CaseScreening {
  @Field(() => DateScalar)
  screenedOn: string;

  @Field(() => [String], {
    description: 'Key groups of 河鱼府发【2021】39号 一 (LOW_INCOME, POVERTY_MONITORING, EXPENDITURE_HARDSHIP).',
  })
  keyGroups: string[];

  @Field(() => [ScreeningMatch])
  matches: ScreeningMatch[];
}
