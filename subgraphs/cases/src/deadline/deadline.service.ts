import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { addCalendarMonths, requirePermission, shanghaiDate, type Principal } from '@doudi/shared';
import { DeadlineRule, SEED_FIGURES, type RuleInForce } from './deadline.rules.js';
import { deadlinesFor } from './deadline.settings.js';
import { addWorkingDays, prefetch, type OrganisationsCaller } from '../remote/organisations.js';

/** A due date with the rule it was counted by, and a warning when it may be wrong. */
export interface Due {
  dueDate: string | null;
  dueRule: DeadlineRule | null;
  dueDateWarning: string | null;
}

export const NO_DUE: Due = Object.freeze({ dueDate: null, dueRule: null, dueDateWarning: null });

export const SEED_FIGURE_WARNING =
  'Counted with the seed’s figure: this credential may not read the jurisdiction’s own time limits (programmes:read)';

/** "By the n-th of next month"; n = 0 is the last day of this month (DAY_OF_MONTH). */
export function dayOfMonth(from: string, day: number): string {
  const [year, month] = from.split('-').map(Number);
  if (day === 0) return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  return addCalendarMonths(`${from.slice(0, 8)}01`, 1).slice(0, 8) + String(day).padStart(2, '0');
}

interface RuleSet {
  rules: Map<DeadlineRule, RuleInForce>;
  /** True when the caller may not read the jurisdiction's settings and the seeds' figures stand in. */
  seedFigures: boolean;
}

/** What counting a due date needs of a request: its database, its caller, and organisations' calendar. */
export interface DeadlineCaller extends OrganisationsCaller {
  em: EntityManager;
  principal: Principal;
}

const isForbidden = (error: unknown) => error instanceof GraphQLError && error.extensions?.code === 'FORBIDDEN';

/**
 * Due dates for one request: the jurisdiction's time limits are this subgraph's own settings (deadline.settings.ts);
 * the working-day calendar is organisations', asked as the caller. Each jurisdiction's limits are read once per
 * request, and one due date costs at most one call to organisations (remote/organisations.ts).
 */
export class RequestDeadlines {
  private readonly rules = new Map<string, Promise<RuleSet>>();

  constructor(private readonly ctx: DeadlineCaller) {}

  /** The limits in force, as the caller may read them: without programmes:read, the seeds' figures (and a warning). */
  rulesOf(jurisdictionCode: string): Promise<RuleSet> {
    let found = this.rules.get(jurisdictionCode);
    if (!found) {
      found = (async () => {
        try {
          // The same permission reading `deadlines` asks: an agency's app may hold cases:write without it.
          requirePermission(this.ctx.principal, 'programmes:read');
        } catch (error) {
          if (!isForbidden(error)) throw error;
          const rules = Object.values(DeadlineRule).map((rule) => ({ rule, ...SEED_FIGURES[rule] }));
          return { rules: new Map(rules.map((d) => [d.rule, d])), seedFigures: true };
        }
        const inForce = await deadlinesFor(this.ctx.em, jurisdictionCode);
        return { rules: new Map(inForce.map((d) => [d.rule, d])), seedFigures: false };
      })();
      found.catch(() => this.rules.delete(jurisdictionCode));
      this.rules.set(jurisdictionCode, found);
    }
    return found;
  }

  /** The rule in force in a jurisdiction, and whether it is the regulation's figure standing in. */
  async ruleOf(jurisdictionCode: string, rule: DeadlineRule): Promise<{ inForce: RuleInForce; seedFigure: boolean }> {
    const set = await this.rulesOf(jurisdictionCode);
    return { inForce: set.rules.get(rule) ?? { rule, ...SEED_FIGURES[rule] }, seedFigure: set.seedFigures };
  }

  /**
   * Asks organisations, in the one call a due date may cost, for an organisation's kind together with the
   * working days any of these rules would need: the rule that applies may depend on the kind (referral.due.ts).
   */
  async prefetch(jurisdictionCode: string, from: string, rules: DeadlineRule[], kindOf?: string): Promise<void> {
    const counts = [];
    for (const rule of rules) {
      const { inForce } = await this.ruleOf(jurisdictionCode, rule);
      if (inForce.unit === 'WORKING_DAYS') counts.push({ jurisdictionCode, from, days: inForce.amount });
    }
    prefetch(this.ctx, { kindOf, counts });
  }

  /** The rule's due date counted from `from` in the jurisdiction's calendar. */
  async due(jurisdictionCode: string, rule: DeadlineRule, from: string): Promise<Due> {
    const { inForce, seedFigure } = await this.ruleOf(jurisdictionCode, rule);
    const warnings = seedFigure ? [SEED_FIGURE_WARNING] : [];
    let dueDate: string;
    if (inForce.unit === 'WORKING_DAYS') {
      const counted = await addWorkingDays(this.ctx, jurisdictionCode, from, inForce.amount);
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
    return (await addWorkingDays(this.ctx, jurisdictionCode, shanghaiDate(), 1)).date;
  }
}

const perRequest = new WeakMap<object, RequestDeadlines>();

/** The request's deadlines (made on first use, keyed on the request's own loaders). */
export function requestDeadlines(ctx: DeadlineCaller): RequestDeadlines {
  let found = perRequest.get(ctx.loaders);
  if (!found) {
    found = new RequestDeadlines(ctx);
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
  ctx: DeadlineCaller,
  jurisdictionCode: string,
  dueDate: string | null,
  open: boolean,
): Promise<boolean> {
  if (!open || dueDate === null || isOverdue(dueDate, open)) return false;
  return dueDate <= (await requestDeadlines(ctx).riskHorizon(jurisdictionCode));
}
