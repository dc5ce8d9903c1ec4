import { OutboxMessage, ProcessedEvent, type SubgraphDefinition } from '@doudi/shared';
import { Case } from './case/case.entity.js';
import { Referral } from './referral/referral.entity.js';
import { CaseRelief } from './relief/case-relief.entity.js';
import { reliefEventHandlers } from './relief/relief.events.js';
import { createLoaders, type Loaders } from './context.js';
import { migrations } from './migrations/index.js';
import { buildSchema } from './schema.js';
import { seedDemo } from './demo.js';

export const cases: SubgraphDefinition<Loaders> = {
  name: 'cases',
  // OutboxMessage: cases will publish events too; listing it starts the outbox relay.
  entities: [Case, Referral, CaseRelief, OutboxMessage, ProcessedEvent],
  migrations,
  buildSchema,
  createLoaders,
  seedDemo,
  eventHandlers: reliefEventHandlers,
};
