import { Entity, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType, newId } from '@doudi/shared';

/** How a case came in: the intake channels of the five seed documents (DESIGN §4). */
export enum CaseChannel {
  /** 000 §七: the police unit handling a non-natural death sends a visit letter. */
  NON_NATURAL_DEATH = 'NON_NATURAL_DEATH',
  /** 001: the procuratorate's judicial-assistance case. */
  JUDICIAL_ASSISTANCE = 'JUDICIAL_ASSISTANCE',
  /** 002: the township's single intake window (一门受理). */
  WINDOW_APPLICATION = 'WINDOW_APPLICATION',
  /** 002: the hotline, under first-question responsibility (首问负责制). */
  HOTLINE = 'HOTLINE',
  /** 004: a village or school found the family. */
  VILLAGE_DISCOVERY = 'VILLAGE_DISCOVERY',
  /** 004: a match in the data pushed by township offices. */
  DATA_COMPARISON = 'DATA_COMPARISON',
}
registerEnumType(CaseChannel, { name: 'CaseChannel' });

export enum CaseStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(CaseStatus, { name: 'CaseStatus' });

@Entity({ tableName: 'hardship_case' })
@ObjectType({ description: 'One hardship situation of one household, and the agencies acting on it.' })
@Directive('@key(fields: "id")')
export class Case {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = newId();

  @Property({ type: 'uuid', index: true })
  householdId: string;

  @Property({ type: 'text' })
  @Field(() => CaseChannel)
  channel: CaseChannel;

  @Property({ type: 'text' })
  @Field(() => CaseStatus)
  status: CaseStatus = CaseStatus.OPEN;

  @Property({ type: 'text' })
  @Field(() => String)
  summary: string;

  @Property({ type: 'uuid', index: true })
  leadOrganisationId: string;

  /** The jurisdiction responsible for the family (the hukou place decides, seed 004 二(二)). */
  @Property({ type: 'string', length: 12, index: true })
  jurisdictionCode: string;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  openedAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  @Field(() => Int)
  version: number = 1;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  @Field(() => Date)
  updatedAt: Date = new Date();
}

@ObjectType()
export class CaseConnection extends ConnectionType(Case) {}
