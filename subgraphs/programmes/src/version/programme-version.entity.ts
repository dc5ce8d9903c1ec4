import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar, newId } from '@doudi/shared';
import { Programme } from '../programme/programme.entity.js';
import { ProgrammeSetting, type ProgrammeSettings } from './programme-settings.js';

/**
 * One published configuration of a programme, in force from `effectiveFrom` until the next version's date.
 * Versions are never changed once published: decisions name the version they followed.
 */
@Entity({ tableName: 'programme_version' })
@Unique({ properties: ['programmeId', 'number'] })
@Index({ properties: ['programmeId', 'effectiveFrom'] })
@ObjectType({ description: 'One published, effective-dated configuration of a programme.' })
export class ProgrammeVersion {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = newId();

  @ManyToOne({ entity: () => Programme, mapToPk: true, fieldName: 'programme_id' })
  programmeId: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '1 for the first version, then 2, 3, …' })
  number: number;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: 'The first day decisions follow this version.' })
  effectiveFrom: string;

  @Property({ type: 'json' })
  settings: ProgrammeSettings;

  /** Settings that programmes inheriting this template may not change (templates only). */
  @Property({ type: 'json' })
  @Field(() => [ProgrammeSetting])
  locks: ProgrammeSetting[] = [];

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it changed, or the document it follows.' })
  note: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  publishedById: string | null = null;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  publishedAt: Date = new Date();
}
