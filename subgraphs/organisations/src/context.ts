import type { EntityManager } from '@mikro-orm/postgresql';
import { byKeyLoader, groupLoader, isJurisdictionCode, isUuid, type SubgraphContext } from '@doudi/shared';
import { Jurisdiction } from './jurisdiction/jurisdiction.entity.js';
import { Organisation } from './organisation/organisation.entity.js';
import type { Services } from './setup.js';
import { createJointMeetingLoaders } from './joint-meeting/joint-meeting.loaders.js';
import { createNotificationLoaders } from './notification/notification.loaders.js';
import { loadCalendars } from './calendar/calendar.service.js';
import DataLoader from 'dataloader';

export function createLoaders(em: EntityManager) {
  return {
    ...createJointMeetingLoaders(em),
    ...createNotificationLoaders(em),
    /** Working-day calendars by jurisdiction code: three queries for any number of jurisdictions. */
    calendar: new DataLoader((codes: readonly string[]) => loadCalendars(em, codes)),
    jurisdiction: byKeyLoader(
      (codes) => em.find(Jurisdiction, { code: { $in: codes.filter(isJurisdictionCode) } }),
      (j) => j.code,
    ),
    childJurisdictions: groupLoader(
      (codes) =>
        em.find(Jurisdiction, { parentCode: { $in: codes.filter(isJurisdictionCode) } }, { orderBy: { code: 'asc' } }),
      (j) => j.parentCode as string,
    ),
    organisation: byKeyLoader(
      (ids) => em.find(Organisation, { id: { $in: ids.filter(isUuid) } }),
      (o) => o.id,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = SubgraphContext<Loaders, Services>;
