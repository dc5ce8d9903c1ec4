import { aggregate } from '@doudi/shared';
import { Payment, PaymentAmountChange, PaymentRun } from './payment.entity.js';
import { createPaymentLoaders } from './payment.loaders.js';
import { BenefitPaymentsResolver, PaymentResolver, PaymentRollResolver } from './payment.resolver.js';

/** The payment roll (资金发放, 临社救办发〔2015〕3号 二(一)): what the ledger's benefits pay, month by month. */
export const payment = aggregate({
  entities: [Payment, PaymentRun, PaymentAmountChange],
  resolvers: [PaymentRollResolver, PaymentResolver, BenefitPaymentsResolver],
  loaders: createPaymentLoaders,
});

export { PAYMENT_ROLL_JOB, paymentRollJob } from './payment.job.js';
