import { Entity, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ObjectType } from 'type-graphql';
import { ProgrammeKind } from './programme-kind.js';
import { ConnectionType, MutableRecord } from '@doudi/shared';

@Entity({ tableName: 'programme' })
@ObjectType({ description: 'A relief programme run in a jurisdiction by a responsible organisation.' })
@Directive('@key(fields: "id")')
export class Programme extends MutableRecord {
  /** Caps across the benefits ledger, in fen; null where the programme sets none (see benefit.service.ts). */
  @Property({ type: 'integer', nullable: true })
  capPerPersonYearFen: number | null = null;

  @Property({ type: 'integer', nullable: true })
  capPerHouseholdYearFen: number | null = null;

  @Property({ type: 'integer', nullable: true })
  capPerGrantFen: number | null = null;

  @Property({ type: 'text' })
  @Field(() => String)
  name: string;

  @Property({ type: 'text' })
  @Field(() => ProgrammeKind)
  kind: ProgrammeKind;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  description: string | null = null;

  @Property({ type: 'string', length: 12, index: true })
  jurisdictionCode: string;

  @Property({ type: 'uuid', index: true })
  organisationId: string;
}

@ObjectType()
export class ProgrammeConnection extends ConnectionType(Programme) {}
