import { Entity, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar, newId } from '@doudi/shared';

/** 晋检发办字〔2023〕10号 第二十条: the procuratorate may pay first in an emergency and complete the paperwork after. */
@Entity({ tableName: 'emergency_payment' })
@ObjectType({ description: 'Judicial assistance paid first in an emergency (先行救助), paperwork to follow.' })
export class EmergencyPayment {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = newId();

  @Property({ type: 'uuid', index: true })
  caseId: string;

  /** Who paid (the procuratorate). */
  @Property({ type: 'uuid' })
  organisationId: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar)
  paidOn: string;

  @Property({ type: 'integer' })
  amountFen: number;

  /** The benefit programmes recorded for it in the ledger (晋检发办字〔2023〕10号 第二十条: it counts against the caps). */
  @Property({ type: 'uuid', nullable: true })
  benefitId: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'By when the paperwork (补办手续) must be complete.' })
  paperworkDueOn: string | null = null;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  recordedAt: Date = new Date();
}
