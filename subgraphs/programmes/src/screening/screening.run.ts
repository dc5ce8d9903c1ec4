import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  chainOf,
  nearestPublished,
  EVENT_SUBSCRIBERS,
  newId,
  type HouseholdFactsLine,
  type Logger,
  type ScreeningLeadFound,
} from '@doudi/shared';
import { compileRule, explainRule, ruleHolds, ruleInput, type CompiledRule } from '../eligibility/cel.js';
import type { Facts } from '../eligibility/facts.js';
import { Programme } from '../programme/programme.entity.js';
import { ProgrammeVersion } from '../version/programme-version.entity.js';
import { configurationOn, type ConfigurationSource } from '../version/configuration.js';
import { LocalStandard } from '../standard/local-standard.entity.js';
import { flagBenefitsForReview, type ReviewFlagRequest } from '../benefit/benefit-review.js';
import { factValues, factsOfLine } from './screening.facts.js';
import { keyGroupsOf, warningReasonsOf } from './key-groups.js';
import type { HouseholdFactsFeed } from './household-facts.feed.js';
import { ScreeningRun, ScreeningSchedule } from './screening.entities.js';
import { ScreeningRunStatus } from './screening.enums.js';

/** Households evaluated between two rounds of writes: the run holds at most this many (and their results). */
export const SCREENING_BATCH = 2_500;

export interface ScreeningDeps {
  feed: HouseholdFactsFeed;
  /** Where a failed run's full error goes (the run itself records a message without SQL). */
  logger?: Logger;
  /** Households a batch (and its transaction) holds; SCREENING_BATCH unless a test asks for fewer. */
  batchSize?: number;
}

/** A programme in force on the run's date, its rule compiled once for the whole run. */
interface InForce {
  programme: Programme;
  versionId: string | null;
  rule: CompiledRule;
}

const sha = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 32);

/**
 * What the run knows of programmes and standards, loaded as the feed reaches new places (a relocated family's hukou
 * place may lie outside the county screened, and its programmes decide: 河鱼府发【2021】39号 二(二)).
 */
class Catalogue {
  private byCode = new Map<string, InForce[]>();
  private forPlace = new Map<string, InForce[]>();
  private standardRows: LocalStandard[] = [];
  private standardsByCode = new Map<string, LocalStandard | null>();
  private versions = new Map<string, ProgrammeVersion[]>();
  private compiled = new Map<string, CompiledRule>();

  constructor(
    private em: EntityManager,
    private date: string,
  ) {}

  async start() {
    this.standardRows = await this.em.find(LocalStandard, { year: Number(this.date.slice(0, 4)) });
  }

  /** Loads the programmes of the codes not seen yet, with their templates' versions, in three statements. */
  async ensure(codes: Iterable<string>) {
    const missing = [...new Set(codes)].filter((code) => !this.byCode.has(code));
    if (!missing.length) return;
    for (const code of missing) this.byCode.set(code, []);
    const programmes = await this.em.find(Programme, { jurisdictionCode: { $in: missing }, isTemplate: false });
    if (!programmes.length) return;
    const source: ConfigurationSource = {
      programme: async (id) => this.em.findOneOrFail(Programme, id),
      versions: async (id) => {
        let found = this.versions.get(id);
        if (!found) this.versions.set(id, (found = await this.em.find(ProgrammeVersion, { programmeId: id })));
        return found;
      },
    };
    const own = await this.em.find(ProgrammeVersion, { programmeId: { $in: programmes.map((p) => p.id) } });
    for (const p of programmes)
      this.versions.set(
        p.id,
        own.filter((v) => v.programmeId === p.id),
      );
    for (const programme of programmes) {
      const config = await configurationOn(source, programme, this.date);
      const text = config?.settings.eligibilityRule?.trim();
      if (!config || !text) continue;
      let rule = this.compiled.get(text);
      if (!rule) this.compiled.set(text, (rule = compileRule(text)));
      this.byCode.get(programme.jurisdictionCode)!.push({ programme, versionId: config.version?.id ?? null, rule });
    }
  }

  codesOf(line: HouseholdFactsLine): string[] {
    return line.hukouCode === line.residenceCode
      ? chainOf(line.hukouCode)
      : [...chainOf(line.hukouCode), ...chainOf(line.residenceCode)];
  }

  /** Programmes in force where the household is registered or lives (临社救办发〔2015〕3号 二(一); 河鱼府发【2021】39号 二(二)). */
  programmesFor(line: HouseholdFactsLine): InForce[] {
    const key = `${line.hukouCode}|${line.residenceCode}`;
    let found = this.forPlace.get(key);
    if (!found) {
      const seen = new Set<string>();
      found = this.codesOf(line)
        .flatMap((code) => this.byCode.get(code) ?? [])
        .filter((p) => !seen.has(p.programme.id) && seen.add(p.programme.id));
      this.forPlace.set(key, found);
    }
    return found;
  }

  /** The standards in force for the hukou place, inherited from above (standard.service.ts). */
  standardsFor(hukouCode: string): LocalStandard | null {
    let found = this.standardsByCode.get(hukouCode);
    if (found === undefined) {
      found = nearestPublished(hukouCode, this.standardRows, (s) => s.jurisdictionCode) ?? null;
      this.standardsByCode.set(hukouCode, found);
    }
    return found;
  }
}

interface Prior {
  state_hash: string;
  lead_key: string | null;
  flagged: string[];
}

interface Changed {
  line: HouseholdFactsLine;
  facts: Facts;
  matched: InForce[];
  failing: InForce[];
  keyGroups: string[];
  reasons: string[];
  leadKey: string | null;
  stateHash: string;
  prior: Prior | undefined;
  empty: boolean;
}

/** The early-warning margin the run applies: the nearest schedule's along the scope's chain (null: the low-income line). */
async function warningMarginOf(em: EntityManager, jurisdictionCode: string): Promise<number | null> {
  const schedules = await em.find(ScreeningSchedule, { jurisdictionCode: { $in: chainOf(jurisdictionCode) } });
  return nearestPublished(jurisdictionCode, schedules, (s) => s.jurisdictionCode)?.warningMarginPercent ?? null;
}

/**
 * A PostgreSQL array literal: the query builder would spread a JavaScript array into a list of parameters, so
 * arrays travel as one text parameter (`?::uuid[]`).
 */
export const pgArray = (values: readonly (string | null)[]) =>
  `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;

/**
 * A statement with bound parameters, in the em's transaction if it has one. Through the driver's bind parameters, not
 * Connection.execute, which writes every value into the SQL text: a batch's leads are megabytes of JSON that would
 * be escaped character by character in JavaScript and parsed again by PostgreSQL.
 */
const execute = async <T = Record<string, unknown>>(em: EntityManager, sql: string, params: unknown[]) => {
  const query = em
    .getConnection()
    .getKnex()
    .raw(sql, params.map((p) => (Array.isArray(p) ? pgArray(p) : p)) as never[]);
  const ctx = em.getTransactionContext();
  if (ctx) query.transacting(ctx);
  const result = (await query) as { rows: T[] };
  return result.rows;
};

/** A claimed run whose job has not written for this long goes back to the queue (screening.service.ts). */
export const SCREENING_STALE_AFTER_MS = 5 * 60_000;

/** The claim of a run no longer holds: the job that took it was too slow and the run was queued again. */
export class ScreeningClaimLost extends Error {
  constructor(runId: string) {
    super(`screening run ${runId} was queued again while this job ran it (no sign of life for minutes)`);
  }
}

/**
 * Takes a queued run for the job (QUEUED → RUNNING, with its claim and first heartbeat), in one committed statement —
 * the oldest, or the one named. A run a push is joining at this moment (screening.job.ts) is locked, and skipped.
 */
export async function claimScreeningRun(em: EntityManager, runId?: string): Promise<ScreeningRun | null> {
  const rows = await execute<Record<string, unknown>>(
    em,
    `update screening_run set status = ?, claimed_at = date_trunc('milliseconds', clock_timestamp()),
        heartbeat_at = clock_timestamp(),
        started_at = coalesce(started_at, clock_timestamp())
      where id = (select id from screening_run where status = ? ${runId ? 'and id = ?' : ''}
                   order by queued_at, id limit 1 for update skip locked)
        and status = ?
      returning *`,
    [ScreeningRunStatus.RUNNING, ScreeningRunStatus.QUEUED, ...(runId ? [runId] : []), ScreeningRunStatus.QUEUED],
  );
  if (!rows.length) return null;
  // Mapped in a fork of its own: the run's counts change in SQL only, and a batch's transaction, which flushes the
  // entities it knows, must not write back an older copy of them.
  const run = em.fork().map(ScreeningRun, rows[0]);
  // A run taken again after a job died re-reads the row: what the first attempt counted stays in the counts.
  return Object.assign(run, { status: ScreeningRunStatus.RUNNING });
}

/**
 * The run's sign of life and the leads and flags a batch added, in the batch's transaction: when the claim no longer
 * holds (the run was queued again meanwhile), the batch rolls back and the run stops (ScreeningClaimLost).
 */
async function heartbeat(em: EntityManager, run: ScreeningRun, found: { leads: number; flagged: number }) {
  const rows = await execute(
    em,
    `update screening_run set heartbeat_at = clock_timestamp(), leads_found = leads_found + ?, flagged = flagged + ?
      where id = ? and status = ? and claimed_at = ? returning id`,
    [found.leads, found.flagged, run.id, ScreeningRunStatus.RUNNING, run.claimedAt],
  );
  if (!rows.length) throw new ScreeningClaimLost(run.id);
}

/**
 * One screening (issue 15 item 2) of a run the job claimed (claimScreeningRun): streams the households of the run's
 * subtree (or those it names), tests each against every programme in force where it is registered or lives and
 * against the key groups, and writes only what changed since the household's last screening — a lead for a new
 * situation (screening.lead.found, at most once per situationKey), review flags for benefits whose rule the household
 * no longer meets (临社救办发〔2015〕3号 二(二)), the early-warning list (河鱼府发【2021】39号 一, 二).
 *
 * No transaction is open while the feed is read: each batch of households is written in its own short transaction
 * (its leads' keys claimed with their outbox rows, its flags, warnings and fingerprints, the run's heartbeat), and the
 * run's totals and SUCCEEDED in a last one. A run stopped half-way and run again finds the households it wrote
 * unchanged (their fingerprints) and the situations it sent claimed: no lead, flag or warning twice.
 */
export async function executeScreening(
  em: EntityManager,
  run: ScreeningRun,
  deps: ScreeningDeps,
): Promise<ScreeningRun> {
  const started = Date.now();
  const date = run.screenedOn;
  const catalogue = new Catalogue(em, date);
  await catalogue.start();
  const margin = await warningMarginOf(em, run.jurisdictionCode);
  const yearBefore = `${Number(date.slice(0, 4)) - 1}${date.slice(4)}`;
  const counts = { households: 0, warnings: 0 };
  const batchSize = deps.batchSize ?? SCREENING_BATCH;

  let batch: HouseholdFactsLine[] = [];
  let lastBeat = 0;
  const flush = async () => {
    if (!batch.length) return;
    const lines = batch;
    batch = [];
    await catalogue.ensure(lines.flatMap((line) => catalogue.codesOf(line)));
    const ids = lines.map((l) => l.id);
    const [received, priors] = await Promise.all([
      execute<{ household_id: string; programme_id: string; kind: string }>(
        em,
        `select b.household_id, b.programme_id, p.kind from benefit b join programme p on p.id = b.programme_id
          where b.status = 'ACTIVE' and b.household_id = any(?::uuid[])`,
        [ids],
      ),
      execute<Prior & { household_id: string }>(
        em,
        'select household_id, state_hash, lead_key, flagged from screening_result where household_id = any(?::uuid[])',
        [ids],
      ),
    ]);
    const receivedBy = new Map<string, { ids: Set<string>; kinds: Set<string> }>();
    for (const row of received) {
      let entry = receivedBy.get(row.household_id);
      if (!entry) receivedBy.set(row.household_id, (entry = { ids: new Set(), kinds: new Set() }));
      entry.ids.add(row.programme_id);
      entry.kinds.add(row.kind);
    }
    const priorOf = new Map(priors.map((p) => [p.household_id, p]));
    const changed: Changed[] = [];
    for (const line of lines) {
      counts.households++;
      const got = receivedBy.get(line.id);
      const facts = factsOfLine(line, catalogue.standardsFor(line.hukouCode), got ? [...got.kinds] : [], date);
      const input = ruleInput(facts);
      const matched: InForce[] = [];
      const failing: InForce[] = [];
      for (const p of catalogue.programmesFor(line)) {
        const holds = ruleHolds(p.rule, input);
        const receiving = got?.ids.has(p.programme.id) ?? false;
        if (holds === true && !receiving && !got?.kinds.has(p.programme.kind)) matched.push(p);
        else if (holds === false && receiving) failing.push(p);
      }
      const keyGroups = keyGroupsOf(facts);
      const reasons = warningReasonsOf(facts, margin, { on: line.disasterOn ?? null, since: yearBefore });
      if (reasons.length) counts.warnings++;
      const items = [...matched.map((m) => m.programme.id).sort(), ...keyGroups];
      const leadKey = items.length ? sha(`${line.id}|${items.join(',')}`) : null;
      const flagged = failing.map((f) => f.programme.id).sort();
      const empty = !leadKey && !flagged.length && !reasons.length;
      const prior = priorOf.get(line.id);
      if (empty && !prior) continue;
      const stateHash = sha(
        [leadKey ?? '', flagged.join(','), reasons.join(','), line.hukouCode, line.residenceCode].join('|'),
      );
      if (prior?.state_hash === stateHash) continue;
      changed.push({ line, facts, matched, failing, keyGroups, reasons, leadKey, stateHash, prior, empty });
    }
    const found = { leads: 0, flagged: 0 };
    if (!changed.length) {
      // Nothing to write: a sign of life now and then is enough.
      if (Date.now() - lastBeat < SCREENING_STALE_AFTER_MS / 10) return;
      lastBeat = Date.now();
      return heartbeat(em, run, found);
    }
    lastBeat = Date.now();
    // The batch's own short transaction: its writes and the run's heartbeat commit together.
    await em.transactional(async (tx) => {
      await write(tx, run, changed, found);
      await heartbeat(tx, run, found);
    });
    run.leadsFound += found.leads;
    run.flagged += found.flagged;
  };

  // One batch is screened and written while the feed reads the next (the database and the feed's producer work at
  // the same time); at most one batch waits, so the run still holds two batches at most.
  let writing: Promise<void> = Promise.resolve();
  const next = async () => {
    await writing;
    writing = flush();
    // Its failure is seen at the next await; until then it must not count as unhandled.
    writing.catch(() => {});
  };
  try {
    for await (const line of deps.feed({
      jurisdictionCode: run.jurisdictionCode,
      date,
      ...(run.householdIds ? { householdIds: run.householdIds } : {}),
    })) {
      batch.push(line);
      if (batch.length >= batchSize) await next();
    }
  } catch (error) {
    // A broken feed: the batch being written ends (committed or rolled back) before the run is recorded FAILED.
    await writing.catch(() => {});
    throw error;
  }
  await next();
  await writing;

  // The last transaction: the pass's totals (leads and flags were added batch by batch, by every attempt) and SUCCEEDED.
  const durationMs = Date.now() - started;
  const [last] = await em.transactional((tx) =>
    execute<{ leads_found: number; flagged: number; finished_at: Date }>(
      tx,
      `update screening_run set status = ?, households = ?, warnings = ?, finished_at = clock_timestamp(),
          heartbeat_at = clock_timestamp(), duration_ms = ?, error = null
        where id = ? and status = ? and claimed_at = ? returning leads_found, flagged, finished_at`,
      [
        ScreeningRunStatus.SUCCEEDED,
        counts.households,
        counts.warnings,
        durationMs,
        run.id,
        ScreeningRunStatus.RUNNING,
        run.claimedAt,
      ],
    ),
  );
  if (!last) throw new ScreeningClaimLost(run.id);
  return Object.assign(run, {
    status: ScreeningRunStatus.SUCCEEDED,
    households: counts.households,
    warnings: counts.warnings,
    leadsFound: last.leads_found,
    flagged: last.flagged,
    finishedAt: new Date(last.finished_at),
    durationMs,
    error: null,
  });
}

/** The writes of one batch: multi-row statements, only for the households whose result changed. */
async function write(
  em: EntityManager,
  run: ScreeningRun,
  changed: Changed[],
  counts: { leads: number; flagged: number },
) {
  const date = run.screenedOn;
  // Leads: a situation not sent before (the key is claimed here, in the batch's transaction with its outbox rows).
  const candidates = changed.filter((c) => c.leadKey && c.leadKey !== c.prior?.lead_key);
  if (candidates.length) {
    const claimed = await execute<{ situation_key: string }>(
      em,
      `insert into screening_lead (situation_key, household_id, run_id)
       select k, h, ?::uuid from unnest(?::text[], ?::uuid[]) as t(k, h)
       on conflict do nothing returning situation_key`,
      [run.id, candidates.map((c) => c.leadKey), candidates.map((c) => c.line.id)],
    );
    const fresh = new Set(claimed.map((row) => row.situation_key));
    const events = candidates
      .filter((c) => fresh.has(c.leadKey!))
      .map((c): ScreeningLeadFound => ({
        situationKey: c.leadKey!,
        householdId: c.line.id,
        hukouCode: c.line.hukouCode,
        residenceCode: c.line.residenceCode,
        matches: c.matched.map((m) => ({
          programmeId: m.programme.id,
          programmeName: m.programme.name,
          versionId: m.versionId,
          clause: m.rule.source,
          facts: factValues(m.rule.facts, c.facts),
        })),
        keyGroups: c.keyGroups,
        screenedOn: date,
      }));
    await publishLeads(em, events);
    counts.leads += events.length;
  }

  // Benefits whose rule the household no longer meets (临社救办发〔2015〕3号 二(二) 动态管理): flagged once, with the reason.
  const flags: ReviewFlagRequest[] = [];
  for (const c of changed) {
    for (const f of c.failing) {
      if (c.prior?.flagged.includes(f.programme.id)) continue;
      const failed = explainRule(f.rule, c.facts)
        .clauses.filter((clause) => clause.result === 'FALSE')
        .map((clause) => clause.expression);
      flags.push({
        householdId: c.line.id,
        programmeId: f.programme.id,
        reason: `筛查 ${date}: 不再符合${f.programme.name}的条件 (${failed.join('; ') || f.rule.source})`,
      });
    }
  }
  if (flags.length) counts.flagged += await flagBenefitsForReview(em, flags);

  // The early-warning list: raised or updated where reasons are found, cleared where none are left.
  const warned = changed.filter((c) => c.reasons.length);
  if (warned.length) {
    await execute(
      em,
      `insert into early_warning (id, version, created_at, updated_at, household_id, village_code, hukou_code, reasons,
         status, raised_on, last_screened_on)
       select i, 1, now(), now(), h, v, hc, r::jsonb, 'OPEN', ?::date, ?::date
         from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[]) as t(i, h, v, hc, r)
       on conflict (household_id) where status = 'OPEN' do update
         set reasons = excluded.reasons, village_code = excluded.village_code, hukou_code = excluded.hukou_code,
             last_screened_on = excluded.last_screened_on, version = early_warning.version + 1, updated_at = now()`,
      [
        date,
        date,
        warned.map(() => newId()),
        warned.map((c) => c.line.id),
        warned.map((c) => c.line.residenceCode),
        warned.map((c) => c.line.hukouCode),
        warned.map((c) => JSON.stringify(c.reasons)),
      ],
    );
  }
  const cleared = changed.filter((c) => !c.reasons.length && c.prior).map((c) => c.line.id);
  if (cleared.length) {
    await execute(
      em,
      `update early_warning set status = 'CLEARED', cleared_on = ?::date, last_screened_on = ?::date,
         version = version + 1, updated_at = now()
       where status = 'OPEN' and household_id = any(?::uuid[])`,
      [date, date, cleared],
    );
  }

  // The fingerprints: one upsert for the households with something found, one delete for those with nothing left.
  const kept = changed.filter((c) => !c.empty);
  if (kept.length) {
    await execute(
      em,
      `insert into screening_result (household_id, hukou_code, residence_code, state_hash, lead_key, flagged, screened_on, run_id)
       select h, hc, rc, s, nullif(k, ''), string_to_array(f, ',')::uuid[], ?::date, ?::uuid
         from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) as t(h, hc, rc, s, k, f)
       on conflict (household_id) do update
         set hukou_code = excluded.hukou_code, residence_code = excluded.residence_code, state_hash = excluded.state_hash,
             lead_key = excluded.lead_key, flagged = excluded.flagged, screened_on = excluded.screened_on,
             run_id = excluded.run_id`,
      [
        date,
        run.id,
        kept.map((c) => c.line.id),
        kept.map((c) => c.line.hukouCode),
        kept.map((c) => c.line.residenceCode),
        kept.map((c) => c.stateHash),
        kept.map((c) => c.leadKey ?? ''),
        kept.map((c) =>
          c.failing
            .map((f) => f.programme.id)
            .sort()
            .join(','),
        ),
      ],
    );
  }
  const emptied = changed.filter((c) => c.empty).map((c) => c.line.id);
  if (emptied.length) {
    await execute(em, 'delete from screening_result where household_id = any(?::uuid[])', [emptied]);
  }
}

/**
 * screening.lead.found for each lead: publishEvent's outbox rows (one per subscriber, events/publish.ts), written in
 * one statement instead of one entity each — a first screening of a county sends thousands.
 */
async function publishLeads(em: EntityManager, leads: ScreeningLeadFound[]) {
  if (!leads.length) return;
  const eventIds = leads.map(() => newId());
  for (const consumer of EVENT_SUBSCRIBERS['screening.lead.found']) {
    // The payloads as one JSON array (parsed once), beside the ids in the same order.
    await execute(
      em,
      `insert into outbox_message (id, event_id, type, aggregate_id, payload, consumer, created_at)
       select t.i, t.e, 'screening.lead.found', p.value ->> 'householdId', p.value, ?, now()
         from unnest(?::uuid[], ?::uuid[]) with ordinality as t(i, e, n)
         join jsonb_array_elements(?::jsonb) with ordinality as p(value, n) using (n)`,
      [consumer, leads.map(() => newId()), eventIds, JSON.stringify(leads)],
    );
  }
}
