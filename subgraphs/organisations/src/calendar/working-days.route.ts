import type { MikroORM } from '@mikro-orm/postgresql';
import { readBody, sendJson, type DeliveryVerifier, type Route } from '@doudi/shared';
import { loadCalendar } from './calendar.service.js';

/**
 * addWorkingDays for the other subgraphs' scheduled jobs (shared/src/events/internal-working-days.ts):
 * signed with the service key instead of a caller's principal, and answering only the calendar.
 */
export function workingDaysRoute(orm: MikroORM, verifier: DeliveryVerifier): Route {
  return async (req, res) => {
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'POST only' });
    const body = await readBody(req, 10_000);
    try {
      await verifier.verify(req.headers.authorization, body);
    } catch {
      return sendJson(res, 401, { error: 'service signature required' });
    }
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
  };
}
