import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { formatYuan } from '@doudi/shared';
import { Case } from '../case/case.entity.js';
import { EmergencyPayment } from './emergency-payment.entity.js';
import { EmergencyPaymentPayload, RecordEmergencyPaymentInput } from './emergency.inputs.js';
import { recordEmergencyPayment } from './emergency.service.js';
import { OrganisationRef, organisationRef } from '../organisation/organisation.ref.js';
import { BenefitRef } from '../referral/benefit.ref.js';
import type { Context } from '../context.js';

@Resolver(() => Case)
export class CasePaymentsResolver {
  @FieldResolver(() => [EmergencyPayment], {
    description: 'Judicial assistance paid first (晋检发办字〔2023〕10号 第二十条).',
  })
  emergencyPayments(@Root() found: Case, @Ctx() { loaders }: Context) {
    return loaders.paymentsByCase.load(found.id);
  }
}

@Resolver(() => EmergencyPayment)
export class EmergencyPaymentResolver {
  @Mutation(() => EmergencyPaymentPayload, {
    description: 'Pays first in an emergency: a judicial-assistance case, or a case referred as an emergency.',
  })
  async recordEmergencyPayment(
    @Arg('input', () => RecordEmergencyPaymentInput) input: RecordEmergencyPaymentInput,
    @Ctx() ctx: Context,
  ) {
    const emergencyPayment = await recordEmergencyPayment(ctx, input);
    return { emergencyPayment, case: await ctx.loaders.case.load(emergencyPayment.caseId) };
  }

  @FieldResolver(() => String, { description: 'In yuan, e.g. "5000.00".' })
  amount(@Root() payment: EmergencyPayment): string {
    return formatYuan(payment.amountFen);
  }

  @FieldResolver(() => BenefitRef, {
    nullable: true,
    description:
      'The benefit it is recorded as in the ledger (晋检发办字〔2023〕10号 第二十条); null for older payments.',
  })
  benefit(@Root() payment: EmergencyPayment): BenefitRef | null {
    return payment.benefitId ? { id: payment.benefitId } : null;
  }

  @FieldResolver(() => OrganisationRef, { description: 'Who paid.' })
  organisation(@Root() payment: EmergencyPayment): OrganisationRef {
    return organisationRef(payment.organisationId);
  }
}
