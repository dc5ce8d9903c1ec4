import { ThrottleCounter, type SubgraphDefinition } from '@doudi/shared';
import { Household } from './household/household.entity.js';
import { Person } from './person/person.entity.js';
import { HouseholdChange } from './history/household-change.entity.js';
import { incomeEntities } from './income/index.js';
import { consentEntities } from './consent/index.js';
import { SupportObligor } from './obligor/obligor.entity.js';
import { createLoaders, type Loaders } from './context.js';
import { migrations } from './migrations/index.js';
import { buildSchema } from './schema.js';
import { setup } from './setup.js';

export const households: SubgraphDefinition<Loaders> = {
  name: 'households',
  entities: [
    Household,
    Person,
    HouseholdChange,
    ...incomeEntities,
    ...consentEntities,
    SupportObligor,
    ThrottleCounter,
  ],
  migrations,
  buildSchema,
  createLoaders,
  setup,
  // Loaded only when demo data is asked for: the dynamic import keeps the demo data out of production's imports.
  seedDemo: async (em, logger, options) => (await import('./demo.js')).seedDemo(em, logger, options),
};
