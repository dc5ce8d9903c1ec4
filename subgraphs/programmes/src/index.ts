import { OutboxMessage, type SubgraphDefinition } from '@doudi/shared';
import { Programme } from './programme/programme.entity.js';
import { LocalStandard } from './standard/local-standard.entity.js';
import { Benefit } from './benefit/benefit.entity.js';
import { BenefitObjection } from './benefit/objection.entity.js';
import { LegacyDeadlineSetting } from './deadline/legacy-deadline-setting.entity.js';
import { createLoaders, type Loaders } from './context.js';
import { migrations } from './migrations/index.js';
import { buildSchema } from './schema.js';
import { setup } from './setup.js';
import { ProgrammeVersion } from './version/programme-version.entity.js';

export const programmes: SubgraphDefinition<Loaders> = {
  name: 'programmes',
  entities: [
    Programme,
    ProgrammeVersion,
    LocalStandard,
    LegacyDeadlineSetting,
    Benefit,
    BenefitObjection,
    OutboxMessage,
  ],
  migrations,
  buildSchema,
  createLoaders,
  setup,
  // Loaded only when demo data is asked for: the dynamic import keeps the demo data out of production's imports.
  seedDemo: async (em, logger) => (await import('./demo.js')).seedDemo(em, logger),
};
