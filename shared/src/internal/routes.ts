import type { ServerResponse } from 'node:http';
import type { SubgraphName } from '../config.js';
import { readBody, sendJson, type Route } from '../http.js';
import type { DeliverySigner, DeliveryVerifier } from '../events/delivery-token.js';

/**
 * The service-signed internal routes one subgraph offers another (docs/architecture.md): their paths and the
 * shapes they answer, in one place for the subgraph that serves them and the one that calls them.
 */
export const INTERNAL_ROUTES = {
  /** organisations: working days for jobs that have no caller to pass on. */
  workingDays: '/internal/working-days',
  /** programmes: a payment made first enters the benefits ledger (晋检发办字〔2023〕10号 第二十条). */
  paidFirstBenefits: '/internal/paid-first-benefits',
  /** programmes: the time limits it kept before they moved to cases, copied once by cases. */
  legacyDeadlineSettings: '/internal/legacy-deadline-settings',
} as const;

/** A subgraph's internal route, beside its /graphql address. */
export const internalRouteUrl = (graphqlUrl: string, path: string) =>
  `${graphqlUrl.replace(/\/graphql\/?$/, '')}${path}`;

/**
 * Calls another subgraph's internal route (or its events endpoint) with a JSON body signed for that subgraph
 * with the service key: the caller's side of serviceRoute. The caller reads the answer.
 */
export async function postSigned(
  signer: DeliverySigner,
  to: SubgraphName,
  url: string,
  payload: unknown,
  timeoutMs: number,
): Promise<Response> {
  const body = JSON.stringify(payload);
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: await signer.sign(to, body) },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
}

/** A time limit a jurisdiction set in programmes before the settings moved to cases, as the route answers it. */
export interface LegacyDeadlineSetting {
  id: string;
  jurisdictionCode: string;
  rule: string;
  amount: number;
  reason: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * An internal route's gate: POST only, a body of at most `maxBytes`, signed with the service key — and, when
 * `from` is named, by that subgraph alone. Anything else is answered 405 or 401 before `handle` runs.
 */
export function serviceRoute(
  verifier: DeliveryVerifier,
  options: { maxBytes: number; from?: SubgraphName },
  handle: (body: string, res: ServerResponse) => Promise<void>,
): Route {
  return async (req, res) => {
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'POST only' });
    const body = await readBody(req, options.maxBytes);
    try {
      const producer = await verifier.verify(req.headers.authorization, body);
      if (options.from && producer !== options.from) throw new Error(`signed by ${producer}`);
    } catch {
      return sendJson(res, 401, {
        error: options.from
          ? `the ${options.from} subgraph’s service signature required`
          : 'service signature required',
      });
    }
    await handle(body, res);
  };
}
