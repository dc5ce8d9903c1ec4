import type { EntityManager } from '@mikro-orm/postgresql';
import { byKeyLoader, groupLoader, isUuid } from '@doudi/shared';
import { Benefit } from './benefit.entity.js';
import { BenefitObjection } from './objection.entity.js';

export function createBenefitLoaders(em: EntityManager) {
  return {
    benefit: byKeyLoader(
      (ids) => em.find(Benefit, { id: { $in: ids.filter(isUuid) } }),
      (b) => b.id,
    ),
    benefitsByHousehold: groupLoader(
      (ids) =>
        em.find(
          Benefit,
          { householdId: { $in: ids.filter(isUuid) } },
          { orderBy: [{ grantedOn: 'desc' }, { id: 'desc' }] },
        ),
      (b) => b.householdId,
    ),
    benefitsByPerson: groupLoader(
      (ids) =>
        em.find(
          Benefit,
          { personId: { $in: ids.filter(isUuid) } },
          { orderBy: [{ grantedOn: 'desc' }, { id: 'desc' }] },
        ),
      (b) => b.personId!,
    ),
    objectionsByBenefit: groupLoader(
      (ids) =>
        em.find(BenefitObjection, { benefitId: { $in: ids.filter(isUuid) } }, { orderBy: { receivedOn: 'asc' } }),
      (o) => o.benefitId,
    ),
  };
}

export type BenefitLoaders = ReturnType<typeof createBenefitLoaders>;
