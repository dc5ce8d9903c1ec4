import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import {
  chainOf,
  nearestPublished,
  assertJurisdictionCode,
  assertVersion,
  badInput,
  parseYuan,
  requirePermission,
  shanghaiDate,
  subtreeOf,
  type Principal,
} from '@doudi/shared';
import { LocalStandard } from './local-standard.entity.js';
import { queueScreening, wakeScreeningJob } from '../screening/screening.service.js';
import { ScreeningTrigger } from '../screening/screening.enums.js';

const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

function assertYear(field: string, year: number) {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw badInput(field, `${field} must be a year between ${FIRST_YEAR} and ${LAST_YEAR}`);
  }
  return year;
}

/**
 * The standards in force for a jurisdiction and year: its own if it published any, else the nearest
 * jurisdiction above it that did (a county inherits the city's, 临社救办发〔2015〕3号 二(一)). Null when none did.
 */
export async function standardsFor(
  em: EntityManager,
  jurisdictionCode: string,
  year: number,
): Promise<LocalStandard | null> {
  const code = assertJurisdictionCode('jurisdictionCode', jurisdictionCode);
  assertYear('year', year);
  const published = await em.find(LocalStandard, { jurisdictionCode: { $in: chainOf(code) }, year });
  return nearestPublished(code, published, (s) => s.jurisdictionCode) ?? null;
}

/**
 * Every set of standards published for a year along a jurisdiction's chain and anywhere below it: what one needs to
 * place each household of the subtree against its own nearest standards (households' low-income band, 河鱼府发【2021】39号 一).
 */
export async function publishedStandards(em: EntityManager, jurisdictionCode: string, year: number) {
  const code = assertJurisdictionCode('jurisdictionCode', jurisdictionCode);
  assertYear('year', year);
  return em.find(
    LocalStandard,
    {
      year,
      $or: [{ jurisdictionCode: { $in: chainOf(code) } }, { jurisdictionCode: subtreeOf('jurisdictionCode', code) }],
    },
    { orderBy: { jurisdictionCode: 'asc' } },
  );
}

/** standardsFor, batched: one query for every `code:year` asked in a request. */
export function standardsLoader(em: EntityManager) {
  return new DataLoader<string, LocalStandard | null>(async (keys) => {
    const asked = keys.map((key) => {
      const [code, year] = key.split(':');
      return { code, year: Number(year) };
    });
    const rows = await em.find(LocalStandard, {
      jurisdictionCode: { $in: [...new Set(asked.flatMap((a) => chainOf(a.code)))] },
      year: { $in: [...new Set(asked.map((a) => a.year))] },
    });
    return asked.map(
      ({ code, year }) =>
        nearestPublished(
          code,
          rows.filter((r) => r.year === year),
          (s) => s.jurisdictionCode,
        ) ?? null,
    );
  });
}

export interface SetLocalStandardValues {
  jurisdictionCode: string;
  year: number;
  dibaoUrbanMonthly: string;
  dibaoRuralMonthly: string;
  tekunMonthly?: string | null;
  lowIncomeMultiplier?: string | null;
  publishedIn?: string | null;
  version?: number | null;
}

/** Publishes (or corrects, with the version read) a jurisdiction's standards for a year. */
/**
 * Saves the standards and, for the current year, screens the jurisdiction again (who is below a line or in the
 * low-income band changes with the line): the run is queued in the same flush and the screening job woken.
 */
async function rescreen(em: EntityManager, jurisdictionCode: string, year: number) {
  const current = year === Number(shanghaiDate().slice(0, 4));
  if (current) queueScreening(em, { jurisdictionCode, trigger: ScreeningTrigger.STANDARD_PUBLISHED });
  await em.flush();
  if (current) await wakeScreeningJob(em);
}

export async function setLocalStandard(em: EntityManager, principal: Principal, input: SetLocalStandardValues) {
  const jurisdictionCode = assertJurisdictionCode('input.jurisdictionCode', input.jurisdictionCode);
  requirePermission(principal, 'programmes:write', jurisdictionCode);
  const year = assertYear('input.year', input.year);
  const multiplier = input.lowIncomeMultiplier ?? '1.50';
  if (!/^\d(\.\d{1,2})?$/.test(multiplier) || Number(multiplier) < 1 || Number(multiplier) > 3) {
    throw badInput('input.lowIncomeMultiplier', 'The low-income multiplier is between 1 and 3, e.g. 1.5');
  }
  const values = {
    dibaoUrbanMonthlyFen: parseYuan('input.dibaoUrbanMonthly', input.dibaoUrbanMonthly),
    dibaoRuralMonthlyFen: parseYuan('input.dibaoRuralMonthly', input.dibaoRuralMonthly),
    tekunMonthlyFen: input.tekunMonthly ? parseYuan('input.tekunMonthly', input.tekunMonthly) : null,
    lowIncomeMultiplierPercent: Math.round(Number(multiplier) * 100),
    publishedIn: input.publishedIn?.trim() || null,
  };
  if (values.dibaoUrbanMonthlyFen === 0 || values.dibaoRuralMonthlyFen === 0) {
    throw badInput('input.dibaoRuralMonthly', 'A dibao line is more than zero');
  }
  const existing = await em.findOne(LocalStandard, { jurisdictionCode, year });
  if (existing) {
    // Standards already published are corrected only by one who read them: the version is required.
    assertVersion(existing, input.version, `Standards for ${jurisdictionCode} in ${year}`, { required: true });
    Object.assign(existing, values);
    await rescreen(em, jurisdictionCode, year);
    return existing;
  }
  const created = Object.assign(new LocalStandard(), { jurisdictionCode, year, ...values });
  em.persist(created);
  await rescreen(em, jurisdictionCode, year);
  return created;
}
