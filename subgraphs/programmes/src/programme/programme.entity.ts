import { Entity, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType, newId } from '@doudi/shared';

@Entity({ tableName: 'programme' })
@ObjectType({ description: 'A relief programme run in a jurisdiction by a responsible organisation.' })
@Directive('@key(fields: "id")')
export class Programme {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = newId();

  @Property({ type: 'text' })
  @Field(() => String)
  name: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  description: string | null = null;

  @Property({ type: 'string', length: 12, index: true })
  jurisdictionCode: string;

  @Property({ type: 'uuid', index: true })
  organisationId: string;

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
export class ProgrammeConnection extends ConnectionType(Programme) {}
