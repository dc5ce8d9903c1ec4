import type { EntityManager } from '@mikro-orm/postgresql';
import { byKeyLoader, groupLoader, isUuid, type SubgraphContext } from '@doudi/shared';
import { Case } from './case/case.entity.js';
import { Referral } from './referral/referral.entity.js';
import { CaseTask } from './task/task.entity.js';
import { Visit } from './visit/visit.entity.js';
import { PublicNotice } from './notice/notice.entity.js';
import { FollowUp } from './follow-up/follow-up.entity.js';
import { EmergencyPayment } from './emergency/emergency-payment.entity.js';
import { CaseEvent } from './timeline/case-event.entity.js';
import { reliefLoaders } from './relief/relief.loaders.js';
import type { Services } from './setup.js';

const OLDEST_FIRST = [{ createdAt: 'asc' }, { id: 'asc' }] as const;

/** Per request: every list and reference field of a page of cases costs one query (test/n-plus-one.test.ts). */
export function createLoaders(em: EntityManager) {
  const byCase = <T extends { caseId: string }>(
    entity: new () => T,
    orderBy: Record<string, 'asc' | 'desc'>[] = [...OLDEST_FIRST],
  ) =>
    groupLoader<T>(
      (ids) => em.find(entity, { caseId: { $in: ids.filter(isUuid) } } as never, { orderBy: orderBy as never }),
      (row) => row.caseId,
    );
  const byId = <T extends { id: string }>(entity: new () => T) =>
    byKeyLoader<T>(
      (ids) => em.find(entity, { id: { $in: ids.filter(isUuid) } } as never),
      (row) => row.id,
    );
  return {
    case: byId(Case),
    referral: byId(Referral),
    task: byId(CaseTask),
    followUp: byId(FollowUp),
    referralsByCase: byCase(Referral),
    tasksByCase: byCase(CaseTask),
    visitsByCase: byCase(Visit, [{ visitedOn: 'asc' }, { id: 'asc' }]),
    noticesByCase: byCase(PublicNotice),
    followUpsByCase: byCase(FollowUp, [{ dueOn: 'asc' }, { id: 'asc' }]),
    paymentsByCase: byCase(EmergencyPayment, [{ paidOn: 'asc' }, { id: 'asc' }]),
    eventsByCase: byCase(CaseEvent, [{ at: 'asc' }, { id: 'asc' }]),
    casesByHousehold: groupLoader(
      (ids) =>
        em.find(
          Case,
          { householdId: { $in: ids.filter(isUuid) } },
          { orderBy: [{ openedAt: 'desc' }, { id: 'desc' }] },
        ),
      (c) => c.householdId,
    ),
    ...reliefLoaders(em),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = SubgraphContext<Loaders, Services>;
