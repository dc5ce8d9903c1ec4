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

/**
 * Households evaluated between two rounds of writes; the run holds three batches at most (and their results). 5,000
 * measured a first screening at 2.6–2.8× COPY against 3.1× with 2,500, in one quiet hour (README, "Screening benchmark").
 */
export const SCREENING_BATCH = 5_000;

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

  /** A batch screened: what it found that differs from the households' last screening (reads only, no transaction). */
  const prepare = async (lines: HouseholdFactsLine[]): Promise<Changed[]> => {
    await catalogue.ensure(lines.flatMap((line) => catalogue.codesOf(line)));
    // Each household's benefits in payment and its last screening's fingerprint, in one statement.
    const known = await execute<{
      household_id: string;
      state_hash: string | null;
      lead_key: string | null;
      flagged: string[] | null;
      programme_ids: string[] | null;
      kinds: string[] | null;
    }>(
      em,
      `select h.id as household_id, r.state_hash, r.lead_key, r.flagged, b.programme_ids, b.kinds
         from unnest(?::uuid[]) as h(id)
         left join screening_result r on r.household_id = h.id
         left join lateral (
           select array_agg(b.programme_id) as programme_ids, array_agg(p.kind) as kinds
             from benefit b join programme p on p.id = b.programme_id
            where b.household_id = h.id and b.status = 'ACTIVE'
         ) b on true
        where r.household_id is not null or b.programme_ids is not null`,
      [lines.map((l) => l.id)],
    );
    const knownOf = new Map(known.map((k) => [k.household_id, k]));
    const changed: Changed[] = [];
    for (const line of lines) {
      counts.households++;
      const k = knownOf.get(line.id);
      const receivingIds = k?.programme_ids ? new Set(k.programme_ids) : null;
      const kinds = k?.kinds ? new Set(k.kinds) : null;
      const facts = factsOfLine(line, catalogue.standardsFor(line.hukouCode), kinds ? [...kinds] : [], date);
      const input = ruleInput(facts);
      const matched: InForce[] = [];
      const failing: InForce[] = [];
      for (const p of catalogue.programmesFor(line)) {
        const holds = ruleHolds(p.rule, input);
        const receiving = receivingIds?.has(p.programme.id) ?? false;
        if (holds === true && !receiving && !kinds?.has(p.programme.kind)) matched.push(p);
        else if (holds === false && receiving) failing.push(p);
      }
      const keyGroups = keyGroupsOf(facts);
      const reasons = warningReasonsOf(facts, margin, { on: line.disasterOn ?? null, since: yearBefore });
      if (reasons.length) counts.warnings++;
      const items = [...matched.map((m) => m.programme.id).sort(), ...keyGroups];
      const leadKey = items.length ? sha(`${line.id}|${items.join(',')}`) : null;
      const flagged = failing.map((f) => f.programme.id).sort();
      const empty = !leadKey && !flagged.length && !reasons.length;
      const prior: Prior | undefined =
        k?.state_hash != null
          ? { state_hash: k.state_hash, lead_key: k.lead_key, flagged: k.flagged ?? [] }
          : undefined;
      if (empty && !prior) continue;
      const stateHash = sha(
        [leadKey ?? '', flagged.join(','), reasons.join(','), line.hukouCode, line.residenceCode].join('|'),
      );
      if (prior?.state_hash === stateHash) continue;
      changed.push({ line, facts, matched, failing, keyGroups, reasons, leadKey, stateHash, prior, empty });
    }
    return changed;
  };

  /** A batch's writes in its own short transaction, with the run's heartbeat. */
  const commit = async (changed: Changed[]) => {
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

  // Three stages overlap: the feed reads batch n+1 while batch n is screened (its reads and the rules, in
  // JavaScript) and batch n-1 is written (in the database). A batch is written only after the one before it, and
  // the feed waits for the oldest write, so the run holds three batches at most whatever the county's size.
  let writing: Promise<void> = Promise.resolve();
  let screening: Promise<unknown> = Promise.resolve();
  const next = async () => {
    const lines = batch;
    batch = [];
    const before = writing;
    // One batch screened at a time (the catalogue loads the places it meets), after the one before it.
    const screened = screening.then(() => (lines.length ? prepare(lines) : []));
    screening = screened.catch(() => {});
    writing = (async () => {
      const changed = await screened;
      await before;
      await commit(changed);
    })();
    // Its failure is seen at the next await; until then it must not count as unhandled.
    writing.catch(() => {});
    screened.catch(() => {});
    await before;
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
  // Leads: a situation not sent before — its key claimed and its outbox rows written in one statement, in the
  // batch's transaction: only the keys this statement claimed get an event, so a re-run sends nothing twice.
  const candidates = changed.filter((c) => c.leadKey && c.leadKey !== c.prior?.lead_key);
  if (candidates.length) counts.leads += await claimAndPublishLeads(em, run, candidates);

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
 * screening.lead.found for each candidate whose situation this statement claims (publishEvent's outbox rows, one per
 * subscriber, events/publish.ts), in one statement: `insert … on conflict do nothing returning` claims the keys and
 * the outbox rows are written for the claimed ones only. The payloads travel as one JSON array (parsed once by
 * PostgreSQL), beside the keys, households and ids in the same order. Answers how many leads were sent.
 */
async function claimAndPublishLeads(em: EntityManager, run: ScreeningRun, candidates: Changed[]): Promise<number> {
  const consumers = EVENT_SUBSCRIBERS['screening.lead.found'];
  const leads = candidates.map((c): ScreeningLeadFound => ({
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
    screenedOn: run.screenedOn,
  }));
  // The ids of the outbox rows: candidate by candidate, one per consumer (unused for a key already claimed).
  const ids = candidates.flatMap(() => consumers.map(() => newId()));
  const rows = await execute<{ sent: number }>(
    em,
    `with claimed as (
       insert into screening_lead (situation_key, household_id, run_id)
       select k, h, ?::uuid from unnest(?::text[], ?::uuid[]) as t(k, h)
       on conflict do nothing returning situation_key
     ), lead as (
       select p.n, p.value, e.event_id
         from jsonb_array_elements(?::jsonb) with ordinality as p(value, n)
         join unnest(?::uuid[]) with ordinality as e(event_id, n) using (n)
        where p.value ->> 'situationKey' in (select situation_key from claimed)
     ), sent as (
       insert into outbox_message (id, event_id, type, aggregate_id, payload, consumer, created_at)
       select o.id, lead.event_id, 'screening.lead.found', lead.value ->> 'householdId', lead.value, c.consumer, now()
         from lead
        cross join unnest(?::text[]) with ordinality as c(consumer, i)
         join unnest(?::uuid[]) with ordinality as o(id, k) on o.k = (lead.n - 1) * ? + c.i
       returning event_id
     )
     select count(distinct event_id)::int as sent from sent`,
    [
      run.id,
      candidates.map((c) => c.leadKey),
      candidates.map((c) => c.line.id),
      JSON.stringify(leads),
      candidates.map(() => newId()),
      consumers,
      ids,
      consumers.length,
    ],
  );
  return rows[0]?.sent ?? 0;
}
