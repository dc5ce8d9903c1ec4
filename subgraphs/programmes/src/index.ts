import type { SubgraphDefinition } from '@doudi/shared';
import { Programme } from './programme/programme.entity.js';
import { LocalStandard } from './standard/local-standard.entity.js';
import { DeadlineSetting } from './deadline/deadline-setting.entity.js';
import { Benefit } from './benefit/benefit.entity.js';
import { createLoaders, type Loaders } from './context.js';
import { migrations } from './migrations/index.js';
import { buildSchema } from './schema.js';
import { seedDemo } from './demo.js';

export const programmes: SubgraphDefinition<Loaders> = {
  name: 'programmes',
  entities: [Programme, LocalStandard, DeadlineSetting, Benefit],
  migrations,
  buildSchema,
  createLoaders,
  seedDemo,
};
