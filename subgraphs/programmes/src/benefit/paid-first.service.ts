import type { EntityManager } from '@mikro-orm/postgresql';
import {
  INTERNAL_ROUTES,
  assertDate,
  assertId,
  badInput,
  codePrefix,
  createOnce,
  invalidState,
  notFound,
  type DeliveryVerifier,
  type Route,
  sendJson,
  serviceRoute,
} from '@doudi/shared';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Benefit } from './benefit.entity.js';
import { AmountSource, BenefitStatus } from './benefit-status.js';
import { assertWithinCaps } from './benefit.service.js';
import { announceBenefit } from './benefit.announce.js';
import { Programme } from '../programme/programme.entity.js';
import { ProgrammeKind } from '../programme/programme-kind.js';
import { approvalTiersOf, configurationOn, tierFor, type EffectiveConfiguration } from '../version/configuration.js';
import { sourceOf } from '../version/version.service.js';

/** Where the cases subgraph records a payment made first (晋检发办字〔2023〕10号 第二十条) in the ledger. */
export const PAID_FIRST_PATH = INTERNAL_ROUTES.paidFirstBenefits;

/**
 * What cases sends once it has checked who may pay first on which case: the ledger entry to write. Signed with
 * the service key (only cases may call), so no caller can write a paid benefit through the API directly.
 */
export interface PaidFirstRequest {
  /** Idempotency: the same key answers the same benefit (a retried payment never counts twice). */
  key: string;
  caseId: string;
  householdId: string;
  /** The household's hukou place, as the case knows it: the programme must serve it (河鱼府发【2021】39号 二(二)). */
  jurisdictionCode: string;
  /** The programme named by the payer; otherwise the first of `kinds` serving the hukou place, most local first. */
  programmeId: string | null;
  kinds: ProgrammeKind[];
  paidOn: string;
  amountFen: number;
  paidByOrganisationId: string;
  proposedById: string | null;
  proposedByActorId: string | null;
}

async function programmeFor(em: EntityManager, request: PaidFirstRequest): Promise<EffectiveConfiguration> {
  const serves = (p: Programme) => request.jurisdictionCode.startsWith(codePrefix(p.jurisdictionCode));
  if (request.programmeId) {
    const programme = await em.findOne(Programme, { id: assertId('input.programmeId', request.programmeId) });
    if (!programme) throw notFound('Programme', request.programmeId);
    if (programme.isTemplate || !serves(programme)) {
      throw badInput('input.programmeId', `“${programme.name}” does not pay relief to this family’s hukou place`);
    }
    const config = await configurationOn(sourceOf(em), programme, request.paidOn);
    if (!config) throw invalidState(`“${programme.name}” has no configuration in force on ${request.paidOn}`);
    return config;
  }
  const candidates = (await em.find(Programme, { kind: { $in: request.kinds }, isTemplate: false }))
    .filter(serves)
    .sort(
      (a, b) =>
        request.kinds.indexOf(a.kind) - request.kinds.indexOf(b.kind) ||
        codePrefix(b.jurisdictionCode).length - codePrefix(a.jurisdictionCode).length,
    );
  for (const programme of candidates) {
    const config = await configurationOn(sourceOf(em), programme, request.paidOn);
    if (config) return config;
  }
  throw invalidState(
    `No ${request.kinds.join(' or ')} programme serves ${request.jurisdictionCode} on ${request.paidOn}: name the programme paid from (input.programmeId)`,
    { field: 'input.programmeId' },
  );
}

/**
 * Records an emergency payment made first (先行救助, 晋检发办字〔2023〕10号 第二十条) as an ACTIVE benefit of the
 * programme it is paid from, after the same cap checks as any grant (临社救办发〔2015〕3号 二(八): 个人/家庭年最高
 * 救助额), under the same advisory lock: a payment over the room left is LIMIT_EXCEEDED and nothing is written.
 */
export async function recordPaidFirstBenefit(em: EntityManager, request: PaidFirstRequest): Promise<Benefit> {
  assertDate('input.paidOn', request.paidOn);
  if (!Number.isInteger(request.amountFen) || request.amountFen <= 0) {
    throw badInput('input.amount', 'An emergency payment is more than 0');
  }
  const config = await programmeFor(em, request);
  const year = Number(request.paidOn.slice(0, 4));
  const tier = tierFor(approvalTiersOf(config), request.amountFen);
  const values = {
    programmeId: config.programme.id,
    householdId: assertId('householdId', request.householdId),
    jurisdictionCode: request.jurisdictionCode,
    personId: null,
    amountFen: request.amountFen,
    amountSource: AmountSource.ENTERED,
    grantedOn: request.paidOn,
    year,
    settings: config.settings,
    versionNumber: config.version?.number ?? null,
    approvalLevel: tier.level,
    collectiveReviewRequired: false,
    status: BenefitStatus.ACTIVE,
    decidedOn: request.paidOn,
    activeFrom: request.paidOn,
    decisionNote: '先行救助 (晋检发办字〔2023〕10号 第二十条): paid first in an emergency, paperwork to follow',
    paidFirst: true,
    paidByOrganisationId: assertId('paidByOrganisationId', request.paidByOrganisationId),
    proposedById: request.proposedById,
    proposedByActorId: request.proposedByActorId,
    caseId: assertId('caseId', request.caseId),
  };
  const lock = (tx: EntityManager) =>
    tx
      .getConnection()
      .execute(
        'select pg_advisory_xact_lock(hashtext(?))',
        [`benefit:${values.programmeId}:${values.householdId}:${year}`],
        'all',
        tx.getTransactionContext(),
      );
  return createOnce(
    em,
    'paidFirstBenefit',
    request.key,
    values,
    async (tx) => {
      await lock(tx);
      await assertWithinCaps(tx, config, values);
      const benefit = Object.assign(new Benefit(), values);
      tx.persist(benefit);
      await announceBenefit(tx, benefit);
      return benefit;
    },
    (fresh, id) => fresh.findOneOrFail(Benefit, { id }),
  );
}

/** POST PAID_FIRST_PATH: only the cases subgraph, signed with the service key; errors keep their codes. */
export function paidFirstRoute(orm: MikroORM, verifier: DeliveryVerifier): Route {
  return serviceRoute(verifier, { maxBytes: 10_000, from: 'cases' }, async (body, res) => {
    try {
      const benefit = await recordPaidFirstBenefit(orm.em.fork(), JSON.parse(body) as PaidFirstRequest);
      sendJson(res, 200, { benefitId: benefit.id, programmeId: benefit.programmeId });
    } catch (error) {
      const e = error as { message?: string; extensions?: Record<string, unknown> };
      const code = e.extensions?.code;
      if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
        return sendJson(res, 422, { error: { message: e.message, extensions: e.extensions } });
      }
      sendJson(res, 500, { error: { message: 'The ledger could not record the payment' } });
    }
  });
}
