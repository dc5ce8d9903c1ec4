import {
  INTERNAL_ROUTES,
  internalRouteUrl,
  isIsoDate,
  postSigned,
  type DeliverySigner,
  type SubgraphQuery,
  type WorkingDayResult,
} from '@doudi/shared';
import { assertJurisdictionKnown as assertKnown } from '@doudi/shared/reporting/index';

/**
 * Everything programmes asks of the organisations subgraph, as the caller (their signed principal passes on): today
 * only whether a report's division exists.
 */
export interface OrganisationsCaller {
  services: { organisations: SubgraphQuery };
  assertion: string;
}

/** NOT_FOUND when organisations knows no division with this code (a report's jurisdiction, asked once a request). */
export const assertJurisdictionKnown = (ctx: OrganisationsCaller, code: string) =>
  assertKnown(ctx.services.organisations, ctx.assertion, code);

/**
 * A jurisdiction's working-day calendar (the decision due dates of proposals, 临社救办发〔2015〕3号 二(八), and the
 * reminders of their sweep), signed with the service key on the route that answers nothing but the calendar: the
 * sweep has no caller, and a proposal's due date is the county's calendar whoever proposes.
 */
export function workingDaysCalendar(organisationsGraphqlUrl: string, signer: DeliverySigner, timeoutMs: number) {
  const url = internalRouteUrl(organisationsGraphqlUrl, INTERNAL_ROUTES.workingDays);
  return {
    /** `from` plus n working days (`from` itself not counted). */
    async addWorkingDays(jurisdictionCode: string, from: string, days: number): Promise<string> {
      const response = await postSigned(signer, 'organisations', url, { jurisdictionCode, from, days }, timeoutMs);
      if (!response.ok) throw new Error(`working days: ${response.status} ${await response.text()}`);
      const { date } = (await response.json()) as WorkingDayResult;
      if (!isIsoDate(date) || date < from) throw new Error(`working days: ${JSON.stringify(date)} is no answer`);
      return date;
    },
  };
}
export type WorkingDaysCalendar = ReturnType<typeof workingDaysCalendar>;
