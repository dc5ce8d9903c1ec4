import type { EntityManager } from '@mikro-orm/postgresql';
import { byCase, byId } from '../loader-kit.js';
import { Referral } from './referral.entity.js';

export function createReferralLoaders(em: EntityManager) {
  return {
    referral: byId(em, Referral),
    referralsByCase: byCase(em, Referral),
  };
}

export type ReferralLoaders = ReturnType<typeof createReferralLoaders>;
