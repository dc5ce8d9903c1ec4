import { aggregate } from '@doudi/shared';
import { CaseEvent } from './case-event.entity.js';
import { CaseEventResolver, CaseTimelineResolver } from './timeline.resolver.js';
import { createTimelineLoaders } from './timeline.loaders.js';

/** A case's timeline of events. */
export const timeline = aggregate({
  entities: [CaseEvent],
  resolvers: [CaseTimelineResolver, CaseEventResolver],
  loaders: createTimelineLoaders,
});
