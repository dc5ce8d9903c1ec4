import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { newId } from '@doudi/shared';

/** 近亲属: spouse, parents, children, siblings, grandparents and grandchildren (both lines). */
export enum CloseRelationship {
  SPOUSE = 'SPOUSE',
  PARENT = 'PARENT',
  CHILD = 'CHILD',
  SIBLING = 'SIBLING',
  GRANDPARENT = 'GRANDPARENT',
  GRANDCHILD = 'GRANDCHILD',
}
registerEnumType(CloseRelationship, {
  name: 'CloseRelationship',
  description: '近亲属: 配偶、父母、子女、兄弟姐妹、(外)祖父母、(外)孙子女.',
});

/**
 * A close relative declared by relief staff or a village committee member (临社救办发〔2015〕3号 二(一): 经办人员和村(居)
 * 民委员会工作人员近亲属享受社会救助备案). The relative's name and ID number are sealed; the keyed hash lets programmes
 * file a proposal for their household without anyone's honesty (备案) and without reading the number.
 */
@Entity({ tableName: 'close_relative_declaration' })
@ObjectType({ description: 'A close relative declared by staff or a village committee member (备案), masked.' })
export class CloseRelativeDeclaration {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = newId();

  @Property({ type: 'uuid', index: true })
  organisationId: string;

  /** The declaring staff account; null for a village committee member without an account. */
  @Property({ type: 'uuid', nullable: true, index: true })
  accountId: string | null = null;

  @Property({ type: 'text', nullable: true })
  declarantNameSealed: string | null = null;

  @Property({ type: 'text' })
  relativeNameSealed: string;

  @Property({ type: 'text' })
  @Field(() => CloseRelationship)
  relationship: CloseRelationship;

  @Property({ type: 'text' })
  @Index()
  idNumberHash: string;

  @Property({ type: 'text' })
  idNumberSealed: string;

  @Property({ type: 'uuid', nullable: true })
  declaredById: string | null = null;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  declaredAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: 'When it was withdrawn (the relationship ended, or declared by mistake).',
  })
  withdrawnAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  withdrawalReason: string | null = null;
}
