import type { SubgraphDefinition, SubgraphName } from '@doudi/shared';
import { households } from '@doudi/households';

/** Every subgraph's definition, by name (scripts and tests iterate over these). */
export const definitions = {
  households,
} as unknown as Record<SubgraphName, SubgraphDefinition<unknown>>;
