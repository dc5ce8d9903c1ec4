import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType, JURISDICTION_LEVELS, type JurisdictionLevel as Level } from '@doudi/shared';

export const JurisdictionLevel = Object.fromEntries(JURISDICTION_LEVELS.map((l) => [l, l])) as { [K in Level]: K };
registerEnumType(JurisdictionLevel, {
  name: 'JurisdictionLevel',
  description:
    'Province, prefecture city, county (district, county-level city), township (town, street), village (community).',
});

@Entity({ tableName: 'jurisdiction' })
@ObjectType({ description: 'An administrative division, keyed by its 12-digit statistical division code.' })
@Directive('@key(fields: "code")')
export class Jurisdiction {
  @PrimaryKey({ type: 'string', length: 12 })
  @Field(() => ID)
  code: string;

  @Property({ type: 'text' })
  @Field(() => String)
  name: string;

  @Property({ type: 'text' })
  @Field(() => JurisdictionLevel)
  level: Level;

  @ManyToOne({ entity: () => Jurisdiction, mapToPk: true, fieldName: 'parent_code', nullable: true, index: true })
  parentCode: string | null = null;

  /** Its own published supervision hotline, if it has one (the resolver falls back to the divisions above). */
  @Property({ type: 'text', nullable: true })
  supervisionHotline: string | null = null;

  @Property({ type: 'integer', version: true })
  @Field(() => Int)
  version: number = 1;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date = new Date();
}

@ObjectType()
export class JurisdictionConnection extends ConnectionType(Jurisdiction) {}
