import type { EntityManager } from '@mikro-orm/postgresql';
import { levelOfCode, type Logger } from '@doudi/shared';
import * as demo from '@doudi/shared/demo';
import { Jurisdiction } from './jurisdiction/jurisdiction.entity.js';
import { Organisation } from './organisation/organisation.entity.js';
import { seedJointMeetingDemo } from './joint-meeting/joint-meeting.demo.js';
import { seedCalendarDemo } from './calendar/calendar.demo.js';
import { seedAccountsDemo } from './account/account.demo.js';

/** The divisions and main agencies of the five seed documents; existing rows are left as they are. */
export async function seedDemo(
  em: EntityManager,
  logger: Logger,
  options: { production: boolean } = { production: false },
) {
  const organisations = Object.values(demo.organisations);
  const haveJurisdictions = new Set(
    (await em.find(Jurisdiction, { code: { $in: demo.jurisdictions.map((j) => j.code) } })).map((j) => j.code),
  );
  const haveOrganisations = new Set(
    (await em.find(Organisation, { id: { $in: organisations.map((o) => o.id) } })).map((o) => o.id),
  );
  // Parents come before children in the demo list, and one flush inserts them in that order.
  for (const j of demo.jurisdictions) {
    if (!haveJurisdictions.has(j.code))
      em.persist(Object.assign(new Jurisdiction(), { ...j, level: levelOfCode(j.code) }));
  }
  for (const o of organisations) {
    if (!haveOrganisations.has(o.id)) em.persist(Object.assign(new Organisation(), o));
  }
  await em.flush();
  logger.info(
    {
      jurisdictions: demo.jurisdictions.length - haveJurisdictions.size,
      organisations: organisations.length - haveOrganisations.size,
    },
    'demo organisations loaded',
  );
  logger.info(await seedJointMeetingDemo(em), 'demo joint meetings loaded');
  await seedCalendarDemo(em);
  if (options.production) logger.warn('demo sign-ins are not loaded in production: their passwords are public');
  else logger.info(await seedAccountsDemo(em), 'demo sign-ins loaded');
}
