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
  /**
   * organisations: who receives the data-comparison leads of a township (河鱼府发【2021】39号 二(二): 乡救助指挥站 …
   * 以清单管理的形式分配到对口科室), for cases' lead intake, which runs without a caller.
   */
  leadReceivers: '/internal/lead-receivers',
  /**
   * households: every household in force in a jurisdiction's subtree (by hukou place or residence) with the facts
   * eligibility rules read, as NDJSON (one HouseholdFactsLine a line, ordered by id), to programmes alone: the
   * screening of every household (临社救办发〔2015〕3号 二(一) 应保尽保; 河鱼府发【2021】39号 二(四)).
   */
  householdFacts: '/internal/household-facts',
  /**
   * organisations: the close relatives staff and village committee members declared (备案, 临社救办发〔2015〕3号 二(一)),
   * matched by keyed ID-number hash, for programmes' filing of a proposal.
   */
  declaredRelatives: '/internal/declared-relatives',
  /** households: the keyed ID-number hashes of a household's members, for programmes' filing (备案). */
  memberIdHashes: '/internal/member-id-hashes',
  /**
   * households: a household list streamed in (CSV or XLSX as the body), from the gateway's POST /imports/households
   * with the caller's signed principal; answers the ImportReport as JSON (issue 16 item 4).
   */
  householdImport: '/internal/household-import',
} as const;

/** What programmes asks the declared-relatives route: the household's hashes and who takes part in the decision. */
export interface DeclaredRelativesRequest {
  idNumberHashes: string[];
  /** Staff accounts in the chain: the proposer, the approver. */
  accountIds: string[];
  /** The household's villages (hukou place and residence): their committees' members count too. */
  villageCodes: string[];
}

/** What the member-id-hashes route answers: per household, its villages and its present members' keyed hashes. */
export interface MemberIdHashesAnswer {
  households: Record<string, { villageCodes: string[]; idNumberHashes: string[] }>;
}

export interface DeclaredRelativesAnswer {
  matches: {
    idNumberHash: string;
    declarationId: string;
    organisationId: string;
    accountId: string | null;
    relationship: string;
  }[];
}

/** What programmes asks the household-facts route for. */
export interface HouseholdFactsRequest {
  /** The subtree: households registered (hukou place) or living (residence) below this code. */
  jurisdictionCode: string;
  /** YYYY-MM-DD: households registered by that day; income averaged over the 12 months before its month. */
  date: string;
  /** Only these households (after a data push), at most 50,000. */
  householdIds?: string[];
}

/** One member as the household-facts route streams it (health facts included: the route is the service's own). */
export interface HouseholdFactsMember {
  birthDate: string | null;
  sex: string;
  relationship: string;
  orphan: boolean;
  unattendedChild: boolean;
  schooling: string | null;
  employment: string | null;
  workAbility: string | null;
  veteran: string;
  disabled: boolean;
  disabilityGrade: number | null;
  disabilityCategory: string | null;
  seriousIllness: boolean;
  chronicIllness: boolean;
}

/** One line of the household-facts stream: one household with what programmes/src/eligibility/FACTS.md needs. */
export interface HouseholdFactsLine {
  id: string;
  /** Hukou place (户籍地), 12 digits. */
  hukouCode: string;
  /** Where the family lives (居住地): the hukou place when no other residence is recorded. */
  residenceCode: string;
  hukouType: 'RURAL' | 'URBAN' | null;
  povertyMonitoring: string;
  /** Average per-capita monthly income in fen over the 12 months before the date's month; null when none recorded. */
  incomeFen: number | null;
  /** Sum of recorded assets in fen. */
  assetsFen: number;
  /** Some support obligor is able to support. */
  ableObligor: boolean;
  /** The day of the last disaster the emergency office reported the family in hardship through (YYYY-MM-DD). */
  disasterOn: string | null;
  members: HouseholdFactsMember[];
}

/**
 * The lead-receivers route: asked with `{ townshipCodes }` (at most 1,000), it answers `{ receivers: { [code]: id | null } }`,
 * the organisation of each township that receives its leads — its assistance station (主动发现救助指挥站), else its
 * civil-affairs office, else its government; null when none is registered.
 */
export interface LeadReceiversAnswer {
  receivers: Record<string, string | null>;
}

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
