import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { byKeyLoader, groupLoader, isUuid, readsRows, selectRows, uuidArray, type LoaderRequest } from '@doudi/shared';
import { Benefit } from './benefit.entity.js';
import { BenefitObjection } from './objection.entity.js';
import { BenefitReview } from './benefit-review.entity.js';
import { BenefitStatus } from './benefit-status.js';

/** "programme|household-or-person|year": the yearly sums a cap counts (benefit.caps-left.ts). */
export const capKey = (programmeId: string, holderId: string, year: number) => `${programmeId}|${holderId}|${year}`;

/** Everything granted that counts against a yearly cap (all but what was refused), summed per key, in one query. */
function usedFen(em: EntityManager, holder: 'householdId' | 'personId') {
  return new DataLoader<string, number>(async (keys) => {
    const wanted = keys.map((key) => key.split('|')).filter(([p, h]) => isUuid(p) && isUuid(h));
    const rows = wanted.length
      ? await em.find(
          Benefit,
          {
            $or: wanted.map(([programmeId, id, year]) => ({ programmeId, [holder]: id, year: Number(year) })),
            status: { $ne: BenefitStatus.REJECTED },
          },
          { fields: ['programmeId', 'householdId', 'personId', 'year', 'amountFen'] },
        )
      : [];
    const sums = new Map<string, number>();
    for (const b of rows) {
      const key = capKey(b.programmeId, b[holder]!, b.year);
      sums.set(key, (sums.get(key) ?? 0) + b.amountFen);
    }
    return keys.map((key) => sums.get(key) ?? 0);
  });
}

export function createBenefitLoaders(em: EntityManager, request?: LoaderRequest) {
  const newestFirst = [{ grantedOn: 'desc' as const }, { id: 'desc' as const }];
  return {
    benefit: byKeyLoader(
      (ids) => em.find(Benefit, { id: { $in: ids.filter(isUuid) } }),
      (b) => b.id,
    ),
    // A household's and a person's benefits feed resolvers and the screening's facts: in a query read as rows,
    // not hydrated as entities (a page of 50 households holds ~80 of them; issue 16 item 2); in a mutation, entities.
    benefitsByHousehold: groupLoader(
      (ids) =>
        readsRows(request)
          ? selectRows(em, Benefit, 'household_id = any(?::uuid[])', [uuidArray(ids)], 'granted_on desc, id desc')
          : em.find(Benefit, { householdId: { $in: ids.filter(isUuid) } }, { orderBy: newestFirst }),
      (b) => b.householdId,
    ),
    benefitsByPerson: groupLoader(
      (ids) =>
        readsRows(request)
          ? selectRows(em, Benefit, 'person_id = any(?::uuid[])', [uuidArray(ids)], 'granted_on desc, id desc')
          : em.find(Benefit, { personId: { $in: ids.filter(isUuid) } }, { orderBy: newestFirst }),
      (b) => b.personId!,
    ),
    objectionsByBenefit: groupLoader(
      (ids) =>
        em.find(BenefitObjection, { benefitId: { $in: ids.filter(isUuid) } }, { orderBy: { receivedOn: 'asc' } }),
      (o) => o.benefitId,
    ),
    reviewsByBenefit: groupLoader(
      (ids) =>
        em.find(
          BenefitReview,
          { benefitId: { $in: ids.filter(isUuid) } },
          { orderBy: [{ reviewedOn: 'asc' }, { id: 'asc' }] },
        ),
      (r) => r.benefitId,
    ),
    usedByHouseholdYear: usedFen(em, 'householdId'),
    usedByPersonYear: usedFen(em, 'personId'),
  };
}

export type BenefitLoaders = ReturnType<typeof createBenefitLoaders>;
