import type { EntityManager } from '@mikro-orm/postgresql';
import { byCase, byId } from '../loader-kit.js';
import { FollowUp } from './follow-up.entity.js';

export function createFollowUpLoaders(em: EntityManager) {
  return {
    followUp: byId(em, FollowUp),
    followUpsByCase: byCase(em, FollowUp, [{ dueOn: 'asc' }, { id: 'asc' }]),
  };
}

export type FollowUpLoaders = ReturnType<typeof createFollowUpLoaders>;
