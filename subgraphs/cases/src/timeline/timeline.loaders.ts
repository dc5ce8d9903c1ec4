import type { EntityManager } from '@mikro-orm/postgresql';
import { byCase } from '../loader-kit.js';
import { CaseEvent } from './case-event.entity.js';

export function createTimelineLoaders(em: EntityManager) {
  return {
    eventsByCase: byCase(em, CaseEvent, [{ at: 'asc' }, { id: 'asc' }]),
  };
}

export type TimelineLoaders = ReturnType<typeof createTimelineLoaders>;
