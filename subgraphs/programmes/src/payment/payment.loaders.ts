import type { EntityManager } from '@mikro-orm/postgresql';
import { groupLoader, isUuid } from '@doudi/shared';
import { Payment, PaymentAmountChange } from './payment.entity.js';

export function createPaymentLoaders(em: EntityManager) {
  return {
    paymentsByBenefit: groupLoader(
      (ids) =>
        em.find(Payment, { benefitId: { $in: ids.filter(isUuid) } }, { orderBy: [{ period: 'asc' }, { id: 'asc' }] }),
      (p) => p.benefitId,
    ),
    amountChangesByBenefit: groupLoader(
      (ids) =>
        em.find(
          PaymentAmountChange,
          { benefitId: { $in: ids.filter(isUuid) } },
          { orderBy: [{ fromPeriod: 'asc' }, { createdAt: 'asc' }] },
        ),
      (c) => c.benefitId,
    ),
  };
}

export type PaymentLoaders = ReturnType<typeof createPaymentLoaders>;
