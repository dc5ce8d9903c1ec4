import { Entity, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType, newId } from '@doudi/shared';

@Entity({ tableName: 'household' })
@ObjectType({ description: 'A household: the people who live together and the facts programmes need.' })
@Directive('@key(fields: "id")')
export class Household {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = newId();

  @Property({ type: 'string', length: 12, index: true })
  jurisdictionCode: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  address: string | null = null;

  @Property({ type: 'integer', version: true })
  @Field(() => Int)
  version: number = 1;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  @Field(() => Date)
  updatedAt: Date = new Date();
}

@ObjectType()
export class HouseholdConnection extends ConnectionType(Household) {}
