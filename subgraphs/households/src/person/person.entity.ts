import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Household } from '../household/household.entity.js';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType, DateScalar, newId } from '@doudi/shared';

export enum Sex {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}
registerEnumType(Sex, { name: 'Sex' });

/** Relationship to the head of the registered household (户主). */
export enum RelationshipToHead {
  SELF = 'SELF',
  SPOUSE = 'SPOUSE',
  CHILD = 'CHILD',
  PARENT = 'PARENT',
  GRANDCHILD = 'GRANDCHILD',
  GRANDPARENT = 'GRANDPARENT',
  SIBLING = 'SIBLING',
  OTHER = 'OTHER',
}
registerEnumType(RelationshipToHead, { name: 'RelationshipToHead' });

@Entity({ tableName: 'person' })
@ObjectType({ description: 'A member of a household.' })
@Directive('@key(fields: "id")')
export class Person {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = newId();

  @ManyToOne({ entity: () => Household, mapToPk: true, fieldName: 'household_id', index: true })
  householdId: string;

  @Property({ type: 'text' })
  @Field(() => String)
  name: string;

  @Property({ type: 'text' })
  @Field(() => Sex)
  sex: Sex;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  birthDate: string | null = null;

  @Property({ type: 'text' })
  @Field(() => RelationshipToHead)
  relationshipToHead: RelationshipToHead;

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
export class PersonConnection extends ConnectionType(Person) {}
