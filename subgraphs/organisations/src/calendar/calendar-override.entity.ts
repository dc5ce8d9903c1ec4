import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, newId } from '@doudi/shared';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';

export enum CalendarDayKind {
  HOLIDAY = 'HOLIDAY',
  WORKING_DAY = 'WORKING_DAY',
}
registerEnumType(CalendarDayKind, {
  name: 'CalendarDayKind',
  description: 'A rest day (放假) or a working day (上班, e.g. a make-up working day 调休上班).',
});

/**
 * One day of a jurisdiction's calendar that differs from the national schedule — a county's local
 * holiday, or a working day — or, with no jurisdiction, a national entry for a year the shipped national
 * schedule does not know yet. The entry of the nearest jurisdiction wins, and a county's entry applies to
 * all its townships and villages.
 */
@Entity({ tableName: 'calendar_override' })
// NULLS NOT DISTINCT (PostgreSQL 15+): a second national entry (no jurisdiction) for the same date is a
// duplicate too. The table name is unqualified: openOrm puts the subgraph's schema on the search_path.
@Unique({
  name: 'calendar_override_jurisdiction_code_date_unique',
  expression:
    'create unique index "calendar_override_jurisdiction_code_date_unique" on "calendar_override" ("jurisdiction_code", "date") nulls not distinct',
})
@ObjectType({ description: 'A day an administrator marked as a holiday or a working day.' })
export class CalendarOverride {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = newId();

  // Cascade, not "set null": a deleted jurisdiction's entry must never turn into a national one.
  @ManyToOne({
    entity: () => Jurisdiction,
    mapToPk: true,
    fieldName: 'jurisdiction_code',
    nullable: true,
    deleteRule: 'cascade',
  })
  @Field(() => ID, {
    nullable: true,
    description: 'The jurisdiction whose calendar this changes; null for a national entry.',
  })
  jurisdictionCode: string | null = null;

  @Property({ type: 'date' })
  @Field(() => DateScalar)
  date: string;

  @Property({ type: 'text' })
  @Field(() => CalendarDayKind)
  kind: CalendarDayKind;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Why, e.g. the name of a local festival or the notice that set it.' })
  reason: string;

  @Property({ type: 'uuid', nullable: true })
  createdById: string | null = null;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date = new Date();
}

/**
 * A year whose national entries a SYSTEM_ADMIN declared complete (the State Council's notice for it is
 * fully entered), so deadlines falling in it no longer carry the "no published schedule" warning.
 */
@Entity({ tableName: 'calendar_year' })
@ObjectType({ description: 'A year whose national holiday schedule was entered by hand and declared complete.' })
export class CalendarYear {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  @Field(() => Int)
  year: number;

  @Property({ type: 'uuid', nullable: true })
  declaredById: string | null = null;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  declaredAt: Date = new Date();
}
