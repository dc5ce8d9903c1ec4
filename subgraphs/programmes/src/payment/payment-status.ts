import { registerEnumType } from 'type-graphql';

/** A payment's state on the roll (资金发放, 临社救办发〔2015〕3号 二(一)). */
export enum PaymentStatus {
  SCHEDULED = 'SCHEDULED',
  PAID = 'PAID',
  RETURNED = 'RETURNED',
}
registerEnumType(PaymentStatus, {
  name: 'PaymentStatus',
  description: 'A payment’s state on the roll (资金发放, 临社救办发〔2015〕3号 二(一)).',
  valuesConfig: {
    SCHEDULED: { description: 'On the roll, not yet paid; a change of amount may still reach it.' },
    PAID: { description: 'Paid (markPaymentRollPaid): never changed again, only returned.' },
    RETURNED: { description: 'Paid, then returned by the bank or the family (returnPayment), with the reason.' },
  },
});

/** How often a benefit pays. */
export enum PaymentFrequency {
  MONTHLY = 'MONTHLY',
  ONCE = 'ONCE',
}
registerEnumType(PaymentFrequency, {
  name: 'PaymentFrequency',
  valuesConfig: {
    MONTHLY: { description: 'Every month while in payment (最低生活保障, 特困人员救助供养).' },
    ONCE: { description: 'Once, in the month it becomes active (临时救助 and every other one-off grant).' },
  },
});
