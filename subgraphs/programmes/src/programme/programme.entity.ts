import { Entity, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ObjectType } from 'type-graphql';
import { ProgrammeKind } from './programme-kind.js';
import { ConnectionType, MutableRecord } from '@doudi/shared';

@Entity({ tableName: 'programme' })
@ObjectType({ description: 'A relief programme run in a jurisdiction by a responsible organisation.' })
@Directive('@key(fields: "id")')
export class Programme extends MutableRecord {
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

  /** A province's or city's template that counties adopt (their programmes name it as their template). */
  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: 'A province or city template that county programmes inherit.' })
  isTemplate: boolean = false;

  @Property({ type: 'uuid', nullable: true, index: true })
  templateId: string | null = null;
}

@ObjectType()
export class ProgrammeConnection extends ConnectionType(Programme) {}
