import { GraphQLError } from 'graphql';
import { remoteWorkingDays, type SubgraphQuery } from '@doudi/shared';
import { DeadlineRule, SEED_FIGURES, type RuleInForce } from './deadline.rules.js';

export interface RuleSet {
  rules: Map<DeadlineRule, RuleInForce>;
  /** True when the caller may not read the jurisdiction's settings and the seeds' figures stand in. */
  seedFigures: boolean;
}

const isForbidden = (error: unknown) => error instanceof GraphQLError && error.extensions?.code === 'FORBIDDEN';

/** The time limits in force in a jurisdiction, as programmes answers the caller. */
export async function rulesInForce(programmes: SubgraphQuery, jurisdictionCode: string, assertion: string) {
  try {
    const data = await programmes<{ deadlines: RuleInForce[] }>(
      `query($j: ID!) { deadlines(jurisdictionCode: $j) { rule amount unit } }`,
      { j: jurisdictionCode },
      assertion,
    );
    return { rules: new Map(data.deadlines.map((d) => [d.rule, d])), seedFigures: false } satisfies RuleSet;
  } catch (error) {
    // An agency's app may hold cases:write without programmes:read; its steps still need their due dates.
    if (!isForbidden(error)) throw error;
    const rules = Object.values(DeadlineRule).map((rule) => ({ rule, ...SEED_FIGURES[rule] }));
    return { rules: new Map(rules.map((d) => [d.rule, d])), seedFigures: true } satisfies RuleSet;
  }
}

/** The working-day calendar of organisations, as the caller. */
export const workingDays = (organisations: SubgraphQuery) => remoteWorkingDays(organisations);
