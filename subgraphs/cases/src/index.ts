import type { SubgraphDefinition } from '@doudi/shared';
import { Case } from './case/case.entity.js';
import { Referral } from './referral/referral.entity.js';
import { createLoaders, type Loaders } from './context.js';
import { migrations } from './migrations/index.js';
import { buildSchema } from './schema.js';
import { seedDemo } from './demo.js';

export const cases: SubgraphDefinition<Loaders> = {
  name: 'cases',
  entities: [Case, Referral],
  migrations,
  buildSchema,
  createLoaders,
  seedDemo,
};
