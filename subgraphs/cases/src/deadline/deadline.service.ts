import { addCalendarMonths, shanghaiDate, type WorkingDayResult } from '@doudi/shared';
import { DeadlineRule, SEED_FIGURES, type RuleInForce } from './deadline.rules.js';
import { rulesInForce, workingDays, type RuleSet } from './deadline.remote.js';
import type { Services } from '../setup.js';

/** A due date with the rule it was counted by, and a warning when it may be wrong. */
export interface Due {
  dueDate: string | null;
  dueRule: DeadlineRule | null;
  dueDateWarning: string | null;
}

export const NO_DUE: Due = Object.freeze({ dueDate: null, dueRule: null, dueDateWarning: null });

export const SEED_FIGURE_WARNING =
  'Counted with the seed’s figure: this credential may not read the jurisdiction’s own time limits (programmes:read)';

/** "By the n-th of next month"; n = 0 is the last day of this month (programmes' DAY_OF_MONTH). */
function dayOfMonth(from: string, day: number): string {
  const [year, month] = from.split('-').map(Number);
  if (day === 0) return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  return addCalendarMonths(`${from.slice(0, 8)}01`, 1).slice(0, 8) + String(day).padStart(2, '0');
}

/**
 * Due dates for one request, asked of programmes (the jurisdiction's time limits) and organisations (its
 * working-day calendar) as the caller. Each jurisdiction's limits and each count are asked once per request.
 */
export class RequestDeadlines {
  private readonly rules = new Map<string, Promise<RuleSet>>();
  private readonly counts = new Map<string, Promise<WorkingDayResult>>();

  constructor(
    private readonly services: Services,
    private readonly assertion: string,
  ) {}

  private rulesOf(jurisdictionCode: string): Promise<RuleSet> {
    let found = this.rules.get(jurisdictionCode);
    if (!found) {
      found = rulesInForce(this.services.programmes, jurisdictionCode, this.assertion);
      found.catch(() => this.rules.delete(jurisdictionCode));
      this.rules.set(jurisdictionCode, found);
    }
    return found;
  }

  /** `from` plus n working days of the jurisdiction's calendar (one call per distinct count per request). */
  addWorkingDays(jurisdictionCode: string, from: string, days: number): Promise<WorkingDayResult> {
    const key = `${jurisdictionCode}|${from}|${days}`;
    let found = this.counts.get(key);
    if (!found) {
      found = workingDays(this.services.organisations).addWorkingDays(jurisdictionCode, from, days, this.assertion);
      found.catch(() => this.counts.delete(key));
      this.counts.set(key, found);
    }
    return found;
  }

  /** The rule's due date counted from `from` in the jurisdiction's calendar. */
  async due(jurisdictionCode: string, rule: DeadlineRule, from: string): Promise<Due> {
    const set = await this.rulesOf(jurisdictionCode);
    const inForce: RuleInForce = set.rules.get(rule) ?? { rule, ...SEED_FIGURES[rule] };
    const warnings = set.seedFigures ? [SEED_FIGURE_WARNING] : [];
    let dueDate: string;
    if (inForce.unit === 'WORKING_DAYS') {
      const counted = await this.addWorkingDays(jurisdictionCode, from, inForce.amount);
      dueDate = counted.date;
      warnings.push(...counted.warnings);
    } else if (inForce.unit === 'CALENDAR_MONTHS') {
      dueDate = addCalendarMonths(from, inForce.amount);
    } else {
      dueDate = dayOfMonth(from, inForce.amount);
    }
    return { dueDate, dueRule: rule, dueDateWarning: warnings.length ? warnings.join('; ') : null };
  }

  /** The last day that counts as "at risk" today: the next working day of the jurisdiction. */
  async riskHorizon(jurisdictionCode: string): Promise<string> {
    return (await this.addWorkingDays(jurisdictionCode, shanghaiDate(), 1)).date;
  }
}

const perRequest = new WeakMap<object, RequestDeadlines>();

/** The request's deadlines (made on first use, keyed on the request's own loaders). */
export function requestDeadlines(ctx: { services: Services; assertion: string; loaders: object }): RequestDeadlines {
  let found = perRequest.get(ctx.loaders);
  if (!found) {
    found = new RequestDeadlines(ctx.services, ctx.assertion);
    perRequest.set(ctx.loaders, found);
  }
  return found;
}

/** Due but not done by the end of yesterday (Asia/Shanghai). */
export function isOverdue(dueDate: string | null, open: boolean, today = shanghaiDate()): boolean {
  return open && dueDate !== null && dueDate < today;
}

/** Open, not overdue, and due no later than the jurisdiction's next working day. */
export async function isAtRisk(
  ctx: { services: Services; assertion: string; loaders: object },
  jurisdictionCode: string,
  dueDate: string | null,
  open: boolean,
): Promise<boolean> {
  if (!open || dueDate === null || isOverdue(dueDate, open)) return false;
  return dueDate <= (await requestDeadlines(ctx).riskHorizon(jurisdictionCode));
}
