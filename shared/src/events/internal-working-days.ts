import type { SubgraphName } from '../config.js';
import type { DeliverySigner } from './delivery-token.js';
import type { WorkingDayResult } from '../calendar/days.js';
import { INTERNAL_ROUTES, internalRouteUrl } from './internal-routes.js';

/**
 * Working days for background jobs. A request passes its caller's signed principal to organisations
 * (remoteWorkingDays); a scheduled job has no caller, so it signs with the service key, like an event
 * delivery, on a route that answers nothing but the calendar.
 */
export const WORKING_DAYS_PATH = INTERNAL_ROUTES.workingDays;

export function internalWorkingDays(organisationsGraphqlUrl: string, signer: DeliverySigner, timeoutMs = 5_000) {
  const url = internalRouteUrl(organisationsGraphqlUrl, WORKING_DAYS_PATH);
  return {
    async addWorkingDays(jurisdictionCode: string, from: string, days: number): Promise<WorkingDayResult> {
      const body = JSON.stringify({ jurisdictionCode, from, days });
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: await signer.sign('organisations' as SubgraphName, body),
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`working days: ${response.status} ${await response.text()}`);
      return (await response.json()) as WorkingDayResult;
    },
  };
}
