import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateScalar } from '@doudi/shared';
import { EmergencyPayment } from './emergency-payment.entity.js';
import { Case } from '../case/case.entity.js';

@InputType({
  description: '晋检发办字〔2023〕10号 第二十条: judicial assistance paid first in an emergency, paperwork after.',
})
export class RecordEmergencyPaymentInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => DateScalar, { nullable: true, description: 'Default today, never in the future.' })
  paidOn?: string;

  @Field(() => String, { description: 'In yuan, e.g. "5000.00".' })
  amount: string;

  @Field(() => DateScalar, { nullable: true, description: 'By when the paperwork must be complete (补办手续).' })
  paperworkDueOn?: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'The programme paid from; left out, the judicial-assistance programme (a procuratorate’s payment) or else the ' +
      'temporary-assistance programme serving the family’s hukou place. The payment is recorded there as an ACTIVE ' +
      'benefit (paidFirst) and counts against its caps: over the room left, LIMIT_EXCEEDED and nothing is recorded.',
  })
  programmeId?: string;

  @Field(() => String, { nullable: true, description: 'Send the same key when retrying; it is recorded once.' })
  idempotencyKey?: string;
}

@ObjectType()
export class EmergencyPaymentPayload {
  @Field(() => EmergencyPayment)
  emergencyPayment: EmergencyPayment;

  @Field(() => Case)
  case: Case;
}
