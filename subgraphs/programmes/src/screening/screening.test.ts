import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as demo from '@doudi/shared/demo';
import { deliverySigner, shanghaiDate, type Principal, type ScreeningLeadFound } from '@doudi/shared';
import { deliverEvent, startTestSubgraph, testKeys } from '@doudi/shared/testing';
import { households } from '../../../households/src/index.js';
import { programmes } from '../index.js';
import { onHouseholdFactsChanged } from './screening.job.js';
import { queueScreening, runQueuedScreenings, screeningFailure } from './screening.service.js';
import { ScreeningTrigger } from './screening.enums.js';
import { householdFactsFeed, type HouseholdFactsFeed } from './household-facts.feed.js';
import { Benefit } from '../benefit/benefit.entity.js';
import { BenefitStatus } from '../benefit/benefit-status.js';

let hh: Awaited<ReturnType<typeof startTestSubgraph>>;
let pg: Awaited<ReturnType<typeof startTestSubgraph>>;

const RUN = `mutation($input: RunScreeningInput!) { runScreening(input: $input) { run { id status trigger } } }`;
const RUNS = `query($j: ID) { screeningRuns(jurisdictionCode: $j, first: 1) { nodes { id status households leadsFound warnings flagged error } } }`;
const WARNINGS = `query($j: ID!) { earlyWarnings(jurisdictionCode: $j, first: 50) { totalCount nodes { id villageCode reasons household { id } visits { id outcome } } } }`;
const VISIT = `mutation($input: RecordEarlyWarningVisitInput!) { recordEarlyWarningVisit(input: $input) { visit { id outcome } warning { lastVisitedOn } } }`;

const village = (code: string): Principal => ({
  kind: 'STAFF',
  id: '019a0000-0000-7000-8000-0000000000c1',
  organisationId: null,
  jurisdictionCode: code,
  roles: ['CASEWORKER'],
  scopes: [],
});

async function register(code: string, members: Record<string, unknown>[], monthlyIncome: string) {
  const created = await hh.query(
    `mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { household { id } } }`,
    { input: { jurisdictionCode: code, hukouType: 'RURAL', members } },
  );
  expect(created.errors).toBeUndefined();
  const id = created.data!.createHousehold.household.id as string;
  for (const month of incomeMonths) {
    const recorded = await hh.query(
      `mutation($input: RecordHouseholdIncomeInput!) { recordHouseholdIncome(input: $input) { incomes { id } } }`,
      {
        input: { householdId: id, month, source: '核对平台', amounts: [{ category: 'WAGES', amount: monthlyIncome }] },
      },
    );
    expect(recorded.errors).toBeUndefined();
  }
  return id;
}

async function programme(name: string, kind: string, rule: string) {
  const created = await pg.query(
    `mutation($input: CreateProgrammeInput!) { createProgramme(input: $input) { programme { id } } }`,
    {
      input: { name, kind, jurisdictionCode: '141023000000', organisationId: demo.organisations.linfenCivilAffairs.id },
    },
  );
  expect(created.errors).toBeUndefined();
  const id = created.data!.createProgramme.programme.id as string;
  const published = await pg.query(
    `mutation($input: PublishProgrammeVersionInput!) { publishProgrammeVersion(input: $input) { version { number } } }`,
    { input: { programmeId: id, effectiveFrom: '2026-01-01', eligibilityRule: rule } },
  );
  expect(published.errors).toBeUndefined();
  return id;
}

// Households are in force from their registration: the screening reads today's, with the two months before.
const today = shanghaiDate();
const monthBefore = (month: string, n: number) => {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};
const incomeMonths = [monthBefore(today.slice(0, 7), 1), monthBefore(today.slice(0, 7), 2)];

/** Screens the county today through the API and the job; answers the run and the leads it sent. */
async function screen() {
  const before = await leads();
  const asked = await pg.query(RUN, { input: { jurisdictionCode: '141023000000', on: today } });
  expect(asked.errors).toBeUndefined();
  expect(asked.data!.runScreening.run).toMatchObject({ status: 'QUEUED', trigger: 'ON_DEMAND' });
  await pg.runDueJobs();
  const run = (await pg.query(RUNS, { j: '141023000000' })).data!.screeningRuns.nodes[0];
  expect(run).toMatchObject({ id: asked.data!.runScreening.run.id, status: 'SUCCEEDED', error: null });
  return { run, sent: (await leads()).slice(before.length) };
}

async function leads(): Promise<ScreeningLeadFound[]> {
  const rows: { payload: ScreeningLeadFound }[] = await pg.orm.em
    .fork()
    .getConnection()
    .execute(`select payload from outbox_message where type = 'screening.lead.found' order by created_at, id`);
  return rows.map((r) => r.payload);
}

let poor: string;
let lowIncome: string;
let comfortable: string;
let nextVillage: string;
let dibao: string;
let rehabilitation: string;

beforeAll(async () => {
  hh = await startTestSubgraph(households);
  pg = await startTestSubgraph(programmes, { env: { HOUSEHOLDS_URL: hh.url } });
  const standard = await pg.query(
    `mutation($input: SetLocalStandardInput!) { setLocalStandard(input: $input) { standard { version } } }`,
    { input: { jurisdictionCode: '141023000000', year: 2026, dibaoUrbanMonthly: '700', dibaoRuralMonthly: '500' } },
  );
  expect(standard.errors).toBeUndefined();
  dibao = await programme(
    '最低生活保障',
    'DIBAO',
    'household.perCapitaIncome < standards.dibaoLine && !household.hasAbleObligor',
  );
  rehabilitation = await programme(
    '残疾儿童康复救助',
    'DISABLED_CHILD_REHABILITATION',
    'members.exists(m, m.disabled && m.age <= 6)',
  );
  // Publishing the standard and the versions queued screenings of the county: run them before any household exists.
  await pg.runDueJobs();
  const pair = [
    { name: '户主', sex: 'MALE', relationshipToHead: 'SELF', birthDate: '1970-01-01' },
    { name: '配偶', sex: 'FEMALE', relationshipToHead: 'SPOUSE', birthDate: '1972-01-01' },
  ];
  poor = await register('141023100201', pair, '300'); // 150 a head: below the rural line of 500
  lowIncome = await register('141023100201', pair, '1300'); // 650 a head: between 500 and 750
  comfortable = await register('141023100201', pair, '5000');
  nextVillage = await register('141023100202', pair, '1200'); // 600 a head, in the next village
}, 120_000);
afterAll(async () => {
  await pg?.stop();
  await hh?.stop();
});

describe('screening every household (临社救办发〔2015〕3号 二(一) 应保尽保; 河鱼府发【2021】39号 一)', () => {
  it('turns each newly qualifying household into one lead with the programme, its rule and the facts behind it', async () => {
    const { run, sent } = await screen();
    expect(run).toMatchObject({ households: 4, leadsFound: 3 });
    const byHousehold = new Map(sent.map((lead) => [lead.householdId, lead]));
    expect([...byHousehold.keys()].sort()).toEqual([poor, lowIncome, nextVillage].sort());
    expect(byHousehold.get(poor)).toMatchObject({
      hukouCode: '141023100201',
      residenceCode: '141023100201',
      keyGroups: [],
      screenedOn: today,
      matches: [
        {
          programmeId: dibao,
          programmeName: '最低生活保障',
          clause: 'household.perCapitaIncome < standards.dibaoLine && !household.hasAbleObligor',
          facts: { 'household.perCapitaIncome': 150, 'standards.dibaoLine': 500, 'household.hasAbleObligor': false },
        },
      ],
    });
    // 河鱼府发【2021】39号 一: the low-income band (the dibao line to 1.5 × it) is a key group of its own.
    expect(byHousehold.get(lowIncome)).toMatchObject({ matches: [], keyGroups: ['LOW_INCOME'] });
    expect(byHousehold.has(comfortable)).toBe(false);
  });

  it('sends nothing when a second screening finds nothing changed (never two leads for one situation)', async () => {
    const { run, sent } = await screen();
    expect(run).toMatchObject({ households: 4, leadsFound: 0 });
    expect(sent).toEqual([]);
  });

  it('sends a new lead when a household comes to qualify for another programme', async () => {
    const added = await hh.query(
      `mutation($input: AddHouseholdMemberInput!) { addHouseholdMember(input: $input) { person { id } } }`,
      {
        input: {
          householdId: comfortable,
          person: {
            name: '孩子',
            sex: 'MALE',
            relationshipToHead: 'CHILD',
            birthDate: '2022-05-01',
            hasDisabilityCertificate: true,
            disabilityCategory: 'PHYSICAL',
            disabilityGrade: 2,
          },
        },
      },
    );
    expect(added.errors).toBeUndefined();
    const { run, sent } = await screen();
    expect(run.leadsFound).toBe(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      householdId: comfortable,
      matches: [{ programmeId: rehabilitation, facts: { 'members.disabled': [false, false, true] } }],
    });
  });
});

describe('relief under review (临社救办发〔2015〕3号 二(二) 动态管理)', () => {
  it('flags an active benefit whose household no longer meets the rule, once', async () => {
    // The comfortable household (2,500 a head) receives dibao: its rule (income below the line) no longer holds.
    const em = pg.orm.em.fork();
    const benefit = Object.assign(new Benefit(), {
      programmeId: dibao,
      householdId: comfortable,
      jurisdictionCode: '141023100201',
      amountFen: 30_000,
      grantedOn: today,
      year: Number(today.slice(0, 4)),
      settings: {},
      approvalLevel: 'COUNTY',
      status: BenefitStatus.ACTIVE,
    });
    await em.persist(benefit).flush();
    const { run } = await screen();
    expect(run).toMatchObject({ status: 'SUCCEEDED' });
    const flagged = await pg.orm.em.fork().findOneOrFail(Benefit, benefit.id);
    expect(flagged.reviewFlagReason).toContain('最低生活保障');
    expect(flagged.reviewFlagReason).toContain('household.perCapitaIncome < standards.dibaoLine');
    const again = (await screen()).run;
    expect(again.flagged ?? 0).toBe(0);
  });
});

describe('when screenings run', () => {
  it('screens the jurisdiction again after a standard or a programme version is published', async () => {
    const runs = await pg.query(
      `{ screeningRuns(jurisdictionCode: "141023000000", first: 100) { nodes { trigger status jurisdictionCode } } }`,
    );
    const triggers = runs.data!.screeningRuns.nodes.map((n: { trigger: string }) => n.trigger);
    expect(triggers.filter((t: string) => t === 'STANDARD_PUBLISHED')).toHaveLength(1);
    expect(triggers.filter((t: string) => t === 'VERSION_PUBLISHED')).toHaveLength(2);
  });

  it('screens the households of a push (household.facts.changed) alone', async () => {
    const delivered = await deliverEvent(pg, {
      eventId: '019a0000-0000-7000-8000-00000000e001',
      type: 'household.facts.changed',
      aggregateId: '019a0000-0000-7000-8000-00000000e002',
      payload: { householdIds: [poor], jurisdictionCodes: ['141023100201'], source: 'test', asOf: today },
      producer: 'households',
      occurredAt: new Date().toISOString(),
    });
    expect(delivered.status).toBe(200);
    await pg.runDueJobs();
    const run = (await pg.query(RUNS, { j: '141023000000' })).data!.screeningRuns.nodes[0];
    expect(run).toMatchObject({ status: 'SUCCEEDED', households: 1, leadsFound: 0 });
  });

  it('screens a push that arrives as several events in one run of the county', async () => {
    const event = (ids: string[], n: number) => ({
      eventId: `019a0000-0000-7000-8000-00000000e10${n}`,
      type: 'household.facts.changed',
      aggregateId: ids[0],
      payload: { householdIds: ids, jurisdictionCodes: ['141023100201'], source: 'test', asOf: today },
      producer: 'households' as const,
      occurredAt: new Date().toISOString(),
    });
    const pushRuns = async () =>
      (
        await pg.query(`{ screeningRuns(jurisdictionCode: "141023000000", first: 100) { nodes { trigger } } }`)
      ).data!.screeningRuns.nodes.filter((n: { trigger: string }) => n.trigger === 'DATA_PUSH').length;
    const before = await pushRuns();
    await pg.orm.em.fork().transactional(async (tx) => {
      await onHouseholdFactsChanged(tx, event([poor], 1));
      await onHouseholdFactsChanged(tx, event([lowIncome, poor], 2));
    });
    await pg.runDueJobs();
    const runs = await pg.query(
      `{ screeningRuns(jurisdictionCode: "141023000000", first: 3) { nodes { trigger status households } } }`,
    );
    expect(runs.data!.screeningRuns.nodes[0]).toEqual({ trigger: 'DATA_PUSH', status: 'SUCCEEDED', households: 2 });
    expect(await pushRuns()).toBe(before + 1);
  });

  it('refuses a screening outside the caller’s jurisdiction, and a malformed schedule', async () => {
    const county = { ...village('141023000000'), roles: ['JURISDICTION_ADMIN' as const] };
    const outside = await pg.query(RUN, { input: { jurisdictionCode: '141024000000' } }, county);
    expect(outside.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    const SET = `mutation($input: SetScreeningScheduleInput!) { setScreeningSchedule(input: $input) { schedule { frequency hour weekday nextRunAt } } }`;
    const bad = await pg.query(
      SET,
      { input: { jurisdictionCode: '141023000000', frequency: 'WEEKLY', hour: 2 } },
      county,
    );
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.weekday' });
    const set = await pg.query(
      SET,
      { input: { jurisdictionCode: '141023000000', frequency: 'WEEKLY', hour: 2, weekday: 1 } },
      county,
    );
    expect(set.errors).toBeUndefined();
    const next = new Date(set.data!.setScreeningSchedule.schedule.nextRunAt);
    // Monday 02:00 in Beijing is Sunday 18:00 UTC.
    expect([next.getUTCDay(), next.getUTCHours()]).toEqual([0, 18]);
  });
});

describe('the early-warning list (前置预警对象, 河鱼府发【2021】39号 一、二)', () => {
  it('shows a village point only the households of its village', async () => {
    const own = await pg.query(WARNINGS, { j: '141023100201' }, village('141023100201'));
    expect(own.errors).toBeUndefined();
    expect(own.data!.earlyWarnings.nodes).toEqual([
      expect.objectContaining({
        villageCode: '141023100201',
        reasons: ['INCOME_NEAR_DIBAO_LINE'],
        household: { id: lowIncome },
      }),
    ]);
    // Asking for the township (or the next village) still shows only its own village.
    const township = await pg.query(WARNINGS, { j: '141023100000' }, village('141023100201'));
    expect(township.data!.earlyWarnings.nodes.map((n: { household: { id: string } }) => n.household.id)).toEqual([
      lowIncome,
    ]);
    const next = await pg.query(WARNINGS, { j: '141023100202' }, village('141023100201'));
    expect(next.data!.earlyWarnings.totalCount).toBe(0);
    const county = await pg.query(WARNINGS, { j: '141023000000' });
    expect(county.data!.earlyWarnings.totalCount).toBe(2);
    const FILTERED = `query($j: ID!, $f: EarlyWarningFilter) { earlyWarnings(jurisdictionCode: $j, filter: $f) { totalCount } }`;
    const near = await pg.query(FILTERED, { j: '141023000000', f: { reason: 'INCOME_NEAR_DIBAO_LINE' } });
    expect(near.data!.earlyWarnings.totalCount).toBe(2);
    const ill = await pg.query(FILTERED, { j: '141023000000', f: { reason: 'SERIOUS_ILLNESS' } });
    expect(ill.data!.earlyWarnings.totalCount).toBe(0);
  });

  it('lists a household the emergency office reported in a disaster this year', async () => {
    await hh.orm.em
      .fork()
      .getConnection()
      .execute(`update household set disaster_kind = 'FLOOD', disaster_date = ? where id = ?`, [today, poor]);
    await screen();
    const FILTERED = `query($f: EarlyWarningFilter) { earlyWarnings(jurisdictionCode: "141023000000", filter: $f) { nodes { reasons household { id } } } }`;
    const listed = await pg.query(FILTERED, { f: { reason: 'DISASTER' } });
    expect(listed.data!.earlyWarnings.nodes).toEqual([{ reasons: ['DISASTER'], household: { id: poor } }]);
  });

  it('records a village point’s visit once when the request is retried', async () => {
    const list = await pg.query(WARNINGS, { j: '141023100201' }, village('141023100201'));
    const warningId = list.data!.earlyWarnings.nodes[0].id;
    const input = {
      warningId,
      visitedOn: today,
      outcome: 'KEEP_WATCHING',
      note: '已走访',
      idempotencyKey: 'visit-0001-abcdef',
    };
    const first = await pg.query(VISIT, { input }, village('141023100201'));
    const again = await pg.query(VISIT, { input }, village('141023100201'));
    expect(first.errors).toBeUndefined();
    expect(again.data!.recordEarlyWarningVisit.visit.id).toBe(first.data!.recordEarlyWarningVisit.visit.id);
    const after = await pg.query(WARNINGS, { j: '141023100201' }, village('141023100201'));
    expect(after.data!.earlyWarnings.nodes[0].visits).toEqual([
      { id: first.data!.recordEarlyWarningVisit.visit.id, outcome: 'KEEP_WATCHING' },
    ]);
    // Another village's point cannot record against it, nor learn that it exists.
    const outsider = await pg.query(
      VISIT,
      { input: { ...input, idempotencyKey: 'visit-0002-abcdef' } },
      village('141023100202'),
    );
    expect(outsider.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('a screening that stops half-way (issue 18 item 4: no network call inside an open transaction)', () => {
  let real: HouseholdFactsFeed;
  beforeAll(async () => {
    real = householdFactsFeed(hh.url, await deliverySigner((await testKeys()).service, 'programmes'), 10_000);
  });
  const feedOf = () => real;
  const county = '141023000000';
  const poorPair = [
    { name: '户主', sex: 'MALE', relationshipToHead: 'SELF', birthDate: '1968-03-01' },
    { name: '配偶', sex: 'FEMALE', relationshipToHead: 'SPOUSE', birthDate: '1969-05-01' },
  ];

  async function queue() {
    return pg.orm.em.fork().transactional(async (tx) => {
      const run = queueScreening(tx, {
        jurisdictionCode: county,
        trigger: ScreeningTrigger.ON_DEMAND,
        screenedOn: today,
      });
      await tx.flush();
      return run.id;
    });
  }

  /** The real feed, broken off (as a lost connection would) once it has handed over one of `ids`. */
  const breakingAfterOneOf = (ids: string[]): HouseholdFactsFeed =>
    async function* (request) {
      for await (const line of feedOf()(request)) {
        yield line;
        if (ids.includes(line.id)) throw new Error('households stopped answering in the middle of the feed');
      }
    };

  async function runRow(id: string) {
    const rows: { status: string; error: string | null; leads_found: number; households: number }[] = await pg.orm.em
      .fork()
      .getConnection()
      .execute('select status, error, leads_found, households from screening_run where id = ?', [id]);
    return rows[0];
  }

  const leadsOf = async (ids: string[]) => (await leads()).filter((lead) => ids.includes(lead.householdId));

  it('keeps the batches written before a broken feed, and a new run sends each remaining lead once (临社救办发〔2015〕3号 二(一))', async () => {
    const fresh = [
      await register('141023100201', poorPair, '200'),
      await register('141023100201', poorPair, '250'),
      await register('141023100202', poorPair, '220'),
    ];
    const before = (await leads()).length;
    const broken = await queue();
    const [failed] = await runQueuedScreenings(pg.orm.em.fork(), { feed: breakingAfterOneOf(fresh), batchSize: 1 });
    expect(failed).toMatchObject({ id: broken, status: 'FAILED' });
    const afterFailure = (await leads()).length;
    // What the committed batches sent stays sent, and the run counts it.
    expect(await runRow(broken)).toMatchObject({
      status: 'FAILED',
      error: 'households stopped answering in the middle of the feed',
      leads_found: afterFailure - before,
    });
    expect(await leadsOf(fresh)).toHaveLength(1);

    const again = await queue();
    const [done] = await runQueuedScreenings(pg.orm.em.fork(), { feed: feedOf(), batchSize: 2 });
    expect(done).toMatchObject({ id: again, status: 'SUCCEEDED' });
    expect(done.leadsFound).toBe((await leads()).length - afterFailure);
    const sent = await leadsOf(fresh);
    expect(sent.map((lead) => lead.householdId).sort()).toEqual([...fresh].sort());
    // A third screening finds every situation sent: nothing more.
    await queue();
    const [third] = await runQueuedScreenings(pg.orm.em.fork(), { feed: feedOf() });
    expect(third).toMatchObject({ status: 'SUCCEEDED', leadsFound: 0 });
    expect(await leadsOf(fresh)).toHaveLength(3);
  });

  it('puts back in the queue a run whose job died, which then ends without a lead twice', async () => {
    const fresh = [await register('141023100201', poorPair, '210'), await register('141023100202', poorPair, '230')];
    const before = (await leads()).length;
    const killed = await queue();
    await runQueuedScreenings(pg.orm.em.fork(), { feed: breakingAfterOneOf(fresh), batchSize: 1 });
    expect(await leadsOf(fresh)).toHaveLength(1);
    // As if the process had died after its first lead: RUNNING, silent for ten minutes.
    await pg.orm.em
      .fork()
      .getConnection()
      .execute(
        `update screening_run set status = 'RUNNING', error = null, finished_at = null,
           heartbeat_at = now() - interval '10 minutes' where id = ?`,
        [killed],
      );
    // A run silent for less than SCREENING_STALE_AFTER_MS is left to its job.
    const other = await queue();
    await pg.orm.em
      .fork()
      .getConnection()
      .execute(`update screening_run set status = 'RUNNING', heartbeat_at = now() where id = ?`, [other]);
    const done = await runQueuedScreenings(pg.orm.em.fork(), { feed: feedOf() });
    expect(done.map((run) => run.id)).toEqual([killed]);
    // Its count holds the leads of both attempts, each sent once.
    expect(await runRow(killed)).toMatchObject({
      status: 'SUCCEEDED',
      error: null,
      leads_found: (await leads()).length - before,
    });
    expect(await runRow(other)).toMatchObject({ status: 'RUNNING' });
    expect((await leadsOf(fresh)).map((lead) => lead.householdId).sort()).toEqual([...fresh].sort());
    await pg.orm.em.fork().getConnection().execute(`update screening_run set status = 'FAILED' where id = ?`, [other]);
  });

  it('holds no transaction open while the households are read', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let waiting!: () => void;
    const reached = new Promise<void>((resolve) => (waiting = resolve));
    const held: HouseholdFactsFeed = async function* (request) {
      let n = 0;
      for await (const line of feedOf()(request)) {
        // After the first batch (written), the feed waits: a households subgraph that hangs.
        if (n++ === 1) {
          waiting();
          await gate;
        }
        yield line;
      }
    };
    // A household whose situation changed, so that the first batch writes.
    await register('141023100201', poorPair, '240');
    const id = await queue();
    const running = runQueuedScreenings(pg.orm.em.fork(), { feed: held, batchSize: 1 });
    await reached;
    // The first batch may still be committing as the feed starts to wait: watched for up to 3 s.
    let activity: { open: string; locks: string } | undefined;
    for (let tries = 0; tries < 30; tries++) {
      [activity] = await pg.orm.em
        .fork()
        .getConnection()
        .execute(
          `select (select count(*) from pg_stat_activity where state like 'idle in transaction%' and datname = current_database()) as open,
                  (select count(*) from pg_locks l join pg_class c on c.oid = l.relation where c.relname = 'screening_run'
                     and l.pid <> pg_backend_pid()) as locks`,
        );
      if (activity!.open === '0' && activity!.locks === '0') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    release();
    expect(activity).toEqual({ open: '0', locks: '0' });
    const [done] = await running;
    expect(done).toMatchObject({ id, status: 'SUCCEEDED' });
    expect(await runRow(id)).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('records a failure of the database without its SQL', async () => {
    const error = Object.assign(new Error('insert into "screening_lead" ("situation_key") values ($1) - boom'), {
      code: '40001',
    });
    expect(screeningFailure(error)).not.toMatch(/insert|screening_lead|\$1/);
    expect(screeningFailure(error)).toContain('40001');
  });
});
