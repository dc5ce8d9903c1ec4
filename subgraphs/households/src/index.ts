import { entitiesOf, loadersOf, OutboxMessage, ThrottleCounter, type SubgraphDefinition } from '@doudi/shared';
import { aggregates } from './aggregates.js';
import type { Loaders } from './context.js';
import { migrations } from './migrations/index.js';
import { buildSchema } from './schema.js';
import { setup } from './setup.js';

export const households: SubgraphDefinition<Loaders> = {
  name: 'households',
  // OutboxMessage: households publishes household.facts.changed after a department's push (push/).
  entities: [...entitiesOf(aggregates), ThrottleCounter, OutboxMessage],
  migrations,
  buildSchema,
  createLoaders: loadersOf(aggregates),
  setup,
  // Loaded only when demo data is asked for: the dynamic import keeps the demo data out of production's imports.
  seedDemo: async (em, logger, options) => (await import('./demo.js')).seedDemo(em, logger, options),
};
