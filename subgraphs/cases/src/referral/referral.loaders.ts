import type { EntityManager } from '@mikro-orm/postgresql';
import { groupLoader, isUuid, readsRows, selectRows, uuidArray, type LoaderRequest } from '@doudi/shared';
import { byId } from '../loader-kit.js';
import { Referral } from './referral.entity.js';

export function createReferralLoaders(em: EntityManager, request?: LoaderRequest) {
  return {
    referral: byId(em, Referral),
    /**
     * A case's referrals, oldest first: in a query read as rows (a page of cases lists them all, and hydrating
     * them was most of what remained of cases' ORM work; issue 16 item 2); in a mutation, entities, which show
     * the request's own changes.
     */
    referralsByCase: groupLoader<Referral>(
      (ids) =>
        readsRows(request)
          ? selectRows(em, Referral, 'case_id = any(?::uuid[])', [uuidArray(ids)], 'created_at asc, id asc')
          : em.find(
              Referral,
              { caseId: { $in: ids.filter(isUuid) } },
              { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
            ),
      (r) => r.caseId,
    ),
  };
}

export type ReferralLoaders = ReturnType<typeof createReferralLoaders>;
