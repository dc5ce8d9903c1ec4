import { ArgsType, Field, ID } from 'type-graphql';
import type { Principal } from '../auth/principal.js';
import { ReportPeriodInput, resolvePeriod, type Period } from './period.js';
import { reportScope, type ReportScope } from './scope.js';

/** What every statistics query asks: a division's subtree and a period. */
@ArgsType()
export class StatisticsArgs {
  @Field(() => ID, {
    description:
      'The 12-digit division code whose subtree is counted: yours or one below it (FORBIDDEN outside your ' +
      'jurisdiction, NOT_FOUND when no division has it).',
  })
  jurisdictionCode: string;

  @Field(() => ReportPeriodInput)
  period: ReportPeriodInput;
}

/** A statistics query checked once for all the tables it asks for. */
export interface StatisticsQuestion {
  jurisdiction: { code: string };
  scope: ReportScope;
  period: Period;
  /** Whether organisations knows the division: asked beside the tables' SQL and awaited with each (NOT_FOUND). */
  known: Promise<void>;
}

/**
 * reports:read within the caller's subtree (reportScope) and a period that exists and runs forwards, checked at
 * once; whether the division exists is asked while the tables' SQL runs, not before it (a query for no table
 * learns nothing from it).
 */
export function statisticsQuestion(
  principal: Principal,
  args: StatisticsArgs,
  assertKnown: (code: string) => Promise<void>,
): StatisticsQuestion {
  const scope = reportScope(principal, args.jurisdictionCode);
  const period = resolvePeriod(args.period);
  const known = assertKnown(scope.code);
  known.catch(() => {});
  return { jurisdiction: { code: scope.code }, scope, period, known };
}

/** A table once organisations has confirmed its division. */
export const whenKnown = async <T>(question: StatisticsQuestion, table: Promise<T>): Promise<T> =>
  (await Promise.all([table, question.known]))[0];
