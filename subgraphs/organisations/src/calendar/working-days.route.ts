import type { MikroORM } from '@mikro-orm/postgresql';
import { serviceRoute, sendJson, type DeliveryVerifier, type Route } from '@doudi/shared';
import { loadCalendar } from './calendar.service.js';

/**
 * addWorkingDays for the other subgraphs' scheduled jobs (cases' remote/organisations.ts):
 * signed with the service key instead of a caller's principal, and answering only the calendar.
 */
export function workingDaysRoute(orm: MikroORM, verifier: DeliveryVerifier): Route {
  return serviceRoute(verifier, { maxBytes: 10_000 }, async (body, res) => {
    try {
      const { jurisdictionCode, from, days } = JSON.parse(body) as {
        jurisdictionCode: string;
        from: string;
        days: number;
      };
      if (!Number.isInteger(days) || days < 0 || days > 366) throw new Error('days must be 0–366');
      const calendar = await loadCalendar(orm.em.fork(), jurisdictionCode);
      sendJson(res, 200, calendar.addWorkingDays(from, days));
    } catch (error) {
      sendJson(res, 400, { error: (error as Error).message });
    }
  });
}
