import {
  ANONYMOUS,
  addCalendarMonths,
  ENV,
  maskIdNumber,
  ProcessedEvent,
  roleUrl,
  SUBGRAPHS,
  type SubgraphName,
} from '@doudi/shared';
import { definitions } from '../subgraphs.js';
import { Jurisdiction } from '../../subgraphs/organisations/src/jurisdiction/jurisdiction.entity.js';
import { Organisation } from '../../subgraphs/organisations/src/organisation/organisation.entity.js';
import { Household } from '../../subgraphs/households/src/household/household.entity.js';
import { creationChange } from '../../subgraphs/households/src/history/history.service.js';
import { HouseholdIncome } from '../../subgraphs/households/src/income/income.entity.js';
import { ConsentRecord } from '../../subgraphs/households/src/consent/consent.entity.js';
import { sealPerson } from '../../subgraphs/households/src/person/person.service.js';
import type { RelationshipToHead, Sex } from '../../subgraphs/households/src/person/person.entity.js';
import type { IncomeCategory } from '../../subgraphs/households/src/income/income.entity.js';
import type { ConsentPurpose } from '../../subgraphs/households/src/consent/consent.entity.js';
import type { PersonalDataVault } from '@doudi/shared';
import { Programme } from '../../subgraphs/programmes/src/programme/programme.entity.js';
import { ProgrammeVersion } from '../../subgraphs/programmes/src/version/programme-version.entity.js';
import { LocalStandard } from '../../subgraphs/programmes/src/standard/local-standard.entity.js';
import { Benefit } from '../../subgraphs/programmes/src/benefit/benefit.entity.js';
import { Case } from '../../subgraphs/cases/src/case/case.entity.js';
import { Referral } from '../../subgraphs/cases/src/referral/referral.entity.js';
import { CaseTask } from '../../subgraphs/cases/src/task/task.entity.js';
import { CaseEvent } from '../../subgraphs/cases/src/timeline/case-event.entity.js';
import { Visit } from '../../subgraphs/cases/src/visit/visit.entity.js';
import { FollowUp } from '../../subgraphs/cases/src/follow-up/follow-up.entity.js';
import { PublicNotice } from '../../subgraphs/cases/src/notice/notice.entity.js';
import { CaseRelief } from '../../subgraphs/cases/src/relief/case-relief.entity.js';
import { planCity, type City } from './city.js';
import { idNumberOf, planHousehold } from './household.js';
import { planProgrammes } from './programmes.js';
import { planStory, type Row } from './story.js';
import { SubgraphWriter } from './writer.js';
import { v7 as uuidv7 } from 'uuid';
import { Random } from './random.js';

export interface GenerateOptions {
  households: number;
  seed: string;
  /** The first four digits of the city's division code; a preset of city.ts. */
  city: string;
  /** The day the city is generated as of (Asia/Shanghai): nothing happens after it. */
  asOf: string;
  /** Households per batch. */
  batch?: number;
}

export interface Counts {
  jurisdictions: number;
  organisations: number;
  households: number;
  persons: number;
  incomes: number;
  history: number;
  consents: number;
  programmes: number;
  benefits: number;
  cases: number;
  referrals: number;
  tasks: number;
  events: number;
  other: number;
}

export type Progress = (done: number, total: number, counts: Counts) => void;

const SOURCE = '合成数据（npm run generate）';

/** Where each subgraph's role connects: its own <NAME>_DATABASE_URL, or the role made from DATABASE_URL. */
export function subgraphUrls(adminUrl: string | undefined, env = process.env): Record<SubgraphName, string> {
  return Object.fromEntries(
    SUBGRAPHS.map((name) => {
      const own = env[ENV.databaseUrl(name)];
      if (own) return [name, own];
      if (!adminUrl) throw new Error(`Set ${ENV.databaseUrlAdmin} or ${ENV.databaseUrl(name)}`);
      return [name, roleUrl(adminUrl, name, env)];
    }),
  ) as Record<SubgraphName, string>;
}

export class CityExists extends Error {}

/**
 * Fills a running system's database with a generated city: each subgraph's rows in its own schema, as its own
 * role, built with the subgraph's own code (households seals ID and phone numbers with its vault and keeps the
 * history row of each creation; programmes' benefits carry the version's settings; cases keeps the relief
 * projection and the processed events of the benefits told to it).
 */
export async function generateCity(
  options: GenerateOptions,
  urls: Record<SubgraphName, string>,
  vault: PersonalDataVault,
  progress: Progress = () => {},
): Promise<{ counts: Counts; city: City }> {
  const { households: total, asOf } = options;
  // The city is part of every stream: two cities of one seed share no id.
  const seed = `${options.seed}:${options.city}`;
  const at = new Date(`${asOf}T09:00:00+08:00`);
  const city = planCity({
    seed,
    households: total,
    cityCode: options.city,
    at: new Date(at.getTime() - 1_000 * 86_400_000),
  });
  const programmes = planProgrammes(city, seed, new Date(at.getTime() - 800 * 86_400_000));
  const writers = Object.fromEntries(
    await Promise.all(
      SUBGRAPHS.map(async (name) => [
        name,
        await SubgraphWriter.open(name, urls[name], definitions[name].entities as never),
      ]),
    ),
  ) as Record<SubgraphName, SubgraphWriter>;
  const counts: Counts = {
    jurisdictions: 0,
    organisations: 0,
    households: 0,
    persons: 0,
    incomes: 0,
    history: 0,
    consents: 0,
    programmes: 0,
    benefits: 0,
    cases: 0,
    referrals: 0,
    tasks: 0,
    events: 0,
    other: 0,
  };
  try {
    const { rowCount } = await writers.organisations.query('select 1 from jurisdiction where code = $1', [
      city.city.code,
    ]);
    const firstCounty = city.counties[0].code;
    const { rowCount: county } = await writers.organisations.query('select 1 from jurisdiction where code = $1', [
      firstCounty,
    ]);
    if (county)
      throw new CityExists(
        `${city.counties[0].name} (${firstCounty}) is already there: generate another city (--city) or start from an empty database`,
      );

    // organisations: the division tree (the province and city may exist) and the agencies.
    const createdAt = new Date(at.getTime() - 1_000 * 86_400_000);
    const divisions = [city.province, city.city, ...city.counties, ...city.townships, ...city.villages].map((d) =>
      Object.assign(new Jurisdiction(), {
        code: d.code,
        name: d.name,
        level: d.level,
        parentCode: d.parentCode,
        createdAt,
      }),
    );
    counts.jurisdictions = divisions.length - (rowCount ? 2 : 0);
    await writers.organisations.insert(divisions, { onConflictDoNothing: true });
    counts.organisations = await writers.organisations.insert(
      city.organisations.map((o) => Object.assign(new Organisation(), o, { createdAt, updatedAt: createdAt })),
    );

    // programmes: each county's programmes, their first version, and the city's standard for the years covered.
    const since = new Date(at.getTime() - 800 * 86_400_000);
    counts.programmes = await writers.programmes.insert(
      programmes.all.map(({ settings: _settings, note: _note, ...p }) =>
        Object.assign(new Programme(), p, { createdAt: since, updatedAt: since }),
      ),
    );
    await writers.programmes.insert(
      programmes.all.map((p) =>
        Object.assign(new ProgrammeVersion(), {
          id: uuidv7({ msecs: since.getTime(), random: new Random(seed, 'version', p.id).bytes() }),
          programmeId: p.id,
          number: 1,
          effectiveFrom: `${Number(asOf.slice(0, 4)) - 3}-01-01`,
          settings: p.settings,
          locks: [],
          note: p.note,
          publishedAt: since,
        }),
      ),
    );
    const years = [Number(asOf.slice(0, 4)) - 2, Number(asOf.slice(0, 4)) - 1, Number(asOf.slice(0, 4))];
    await writers.programmes.insert(
      years.map((year) =>
        Object.assign(new LocalStandard(), {
          id: uuidv7({ msecs: since.getTime(), random: new Random(seed, 'standard', year).bytes() }),
          jurisdictionCode: city.city.code,
          year,
          dibaoUrbanMonthlyFen: programmes.standard.urbanFen,
          dibaoRuralMonthlyFen: programmes.standard.ruralFen,
          tekunMonthlyFen: programmes.standard.tekunFen,
          publishedIn: `${city.city.name} ${year} 年城乡低保标准（合成数据）`,
          createdAt: since,
          updatedAt: since,
        }),
      ),
      { onConflictDoNothing: true },
    );

    const lastMonth = addCalendarMonths(`${asOf.slice(0, 7)}-01`, -1).slice(0, 7);
    const monthBefore = addCalendarMonths(`${asOf.slice(0, 7)}-01`, -2).slice(0, 7);
    const lines = { urbanFen: programmes.standard.urbanFen, ruralFen: programmes.standard.ruralFen };
    const taken = new Set<string>();
    const batch = options.batch ?? 2_000;
    let pending: Promise<void> = Promise.resolve();
    for (let first = 0; first < total; first += batch) {
      const end = Math.min(total, first + batch);
      const rows = {
        households: [] as object[],
        persons: [] as object[],
        history: [] as object[],
        incomes: [] as object[],
        consents: [] as object[],
        benefits: [] as object[],
        cases: [] as object[],
        referrals: [] as object[],
        tasks: [] as object[],
        events: [] as object[],
        visits: [] as object[],
        followUps: [] as object[],
        notices: [] as object[],
        reliefs: [] as object[],
        processed: [] as object[],
      };
      for (let index = first; index < end; index++) {
        const plan = planHousehold(city, seed, index, asOf, lines);
        const random = new Random(seed, 'ids', index);
        const registered = new Date(`${plan.registeredOn}T10:00:00+08:00`);
        const id = () => uuidv7({ msecs: registered.getTime() + random.int(0, 3_600_000), random: random.bytes() });
        const household = new Household();
        Object.assign(household, {
          id: id(),
          jurisdictionCode: plan.village.code,
          residenceJurisdictionCode: plan.residenceCode,
          hukouType: plan.hukouType,
          povertyMonitoringStatus: plan.povertyMonitoringStatus,
          povertyMonitoringSource:
            plan.povertyMonitoringStatus === 'NONE' ? null : `${city.counties[plan.village.county].name}农业农村局`,
          povertyMonitoringSince: plan.povertyMonitoringSince,
          address: plan.address,
          createdAt: registered,
          updatedAt: registered,
        });
        rows.households.push(household);
        rows.history.push(
          Object.assign(creationChange(ANONYMOUS, SOURCE, household), { id: id(), changedAt: registered }),
        );
        const personIds: string[] = [];
        for (const member of plan.members) {
          // Where the person was first registered: mostly the household's county, now and then another one.
          const county = random.chance(0.9)
            ? city.counties[plan.village.county]
            : city.counties[random.int(0, city.counties.length - 1)];
          const idNumber = idNumberOf(county.code.slice(0, 6), member, random.int(0, 499), taken);
          const person = sealPerson(vault, household.id, {
            name: member.name,
            sex: member.sex as Sex,
            birthDate: member.birthDate,
            relationshipToHead: member.relationshipToHead as RelationshipToHead,
            idNumber,
            phone: member.phone,
            facts: member.facts as never,
          });
          Object.assign(person, { id: id(), createdAt: registered, updatedAt: registered });
          if (person.idNumberMasked !== maskIdNumber(idNumber)) throw new Error('sealing changed the masked number');
          personIds.push(person.id);
          rows.persons.push(person);
          rows.history.push(
            Object.assign(creationChange(ANONYMOUS, SOURCE, person), { id: id(), changedAt: registered }),
          );
        }
        for (const line of plan.incomeLines) {
          const month = line.monthsAgo === 1 ? lastMonth : monthBefore;
          const recorded = new Date(`${addCalendarMonths(`${month}-01`, 1)}T10:00:00+08:00`);
          rows.incomes.push(
            Object.assign(new HouseholdIncome(), {
              id: id(),
              householdId: household.id,
              month,
              category: line.category as IncomeCategory,
              amountFen: line.amountFen,
              source: '申请人申报，家庭经济状况核对',
              createdAt: recorded,
              updatedAt: recorded,
            }),
          );
        }
        const story = planStory(city, seed, plan, household.id, personIds, asOf, programmes);
        if (story.publicityConsent) {
          rows.consents.push(
            Object.assign(new ConsentRecord(), {
              id: id(),
              householdId: household.id,
              personId: personIds[0],
              purpose: 'PUBLICITY' as ConsentPurpose,
              scope: '同意在村（居）务公开栏公示救助审核结果',
              givenAt: registered,
              createdAt: registered,
              updatedAt: registered,
            }),
          );
        }
        const make = <T extends object>(Entity: new () => T, list: Row[], into: object[]) => {
          for (const values of list) into.push(Object.assign(new Entity(), values));
        };
        make(Benefit, story.benefits, rows.benefits);
        make(Case, story.cases, rows.cases);
        make(Referral, story.referrals, rows.referrals);
        make(CaseTask, story.tasks, rows.tasks);
        make(CaseEvent, story.events, rows.events);
        make(Visit, story.visits, rows.visits);
        make(FollowUp, story.followUps, rows.followUps);
        make(PublicNotice, story.notices, rows.notices);
        make(CaseRelief, story.reliefs, rows.reliefs);
        make(ProcessedEvent, story.processedEvents, rows.processed);
      }
      // The next batch is built while this one is written; each subgraph writes its tables in foreign-key order.
      await pending;
      counts.households += rows.households.length;
      counts.persons += rows.persons.length;
      counts.history += rows.history.length;
      counts.incomes += rows.incomes.length;
      counts.consents += rows.consents.length;
      counts.benefits += rows.benefits.length;
      counts.cases += rows.cases.length;
      counts.referrals += rows.referrals.length;
      counts.tasks += rows.tasks.length;
      counts.events += rows.events.length;
      counts.other +=
        rows.visits.length + rows.followUps.length + rows.notices.length + rows.reliefs.length + rows.processed.length;
      const written = end;
      pending = Promise.all([
        (async () => {
          await writers.households.insert(rows.households);
          await writers.households.insert(rows.persons);
          await writers.households.insert(rows.history);
          await writers.households.insert(rows.incomes);
          await writers.households.insert(rows.consents);
        })(),
        writers.programmes.insert(rows.benefits),
        (async () => {
          await writers.cases.insert(rows.cases);
          await writers.cases.insert(rows.referrals);
          await writers.cases.insert(rows.tasks);
          await writers.cases.insert(rows.events);
          await writers.cases.insert(rows.visits);
          await writers.cases.insert(rows.followUps);
          await writers.cases.insert(rows.notices);
          await writers.cases.insert(rows.reliefs);
          await writers.cases.insert(rows.processed);
        })(),
      ]).then(() => progress(written, total, counts));
    }
    await pending;
    // Fresh statistics of the tables written, so the planner knows they grew (autovacuum would get there later).
    await Promise.all(Object.values(writers).map((writer) => writer.analyze()));
    return { counts, city };
  } finally {
    await Promise.all(Object.values(writers).map((w) => w.close()));
  }
}
