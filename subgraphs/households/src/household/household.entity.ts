import { Entity, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ObjectType } from 'type-graphql';
import { ConnectionType, MutableRecord } from '@doudi/shared';

@Entity({ tableName: 'household' })
@ObjectType({ description: 'A household: the people who live together and the facts programmes need.' })
@Directive('@key(fields: "id")')
export class Household extends MutableRecord {
  @Property({ type: 'string', length: 12, index: true })
  jurisdictionCode: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  address: string | null = null;
}

@ObjectType()
export class HouseholdConnection extends ConnectionType(Household) {}
