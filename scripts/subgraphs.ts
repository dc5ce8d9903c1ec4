import type { SubgraphDefinition, SubgraphName } from '@doudi/shared';
import { organisations } from '@doudi/organisations';
import { households } from '@doudi/households';
import { programmes } from '@doudi/programmes';
import { cases } from '@doudi/cases';

/** Every subgraph's definition, by name (scripts and tests iterate over these). */
export const definitions: Record<SubgraphName, SubgraphDefinition<unknown>> = {
  organisations,
  households,
  programmes,
  cases,
} as Record<SubgraphName, SubgraphDefinition<unknown>>;
