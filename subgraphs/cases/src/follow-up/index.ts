import { aggregate } from '@doudi/shared';
import { FollowUp } from './follow-up.entity.js';
import { CaseFollowUpsResolver, FollowUpResolver } from './follow-up.resolver.js';
import { createFollowUpLoaders } from './follow-up.loaders.js';
import { FollowUpStatisticsResolver } from './follow-up.statistics.js';

/** A case's follow-ups, and their count among the case statistics. */
export const followUp = aggregate({
  entities: [FollowUp],
  resolvers: [CaseFollowUpsResolver, FollowUpResolver, FollowUpStatisticsResolver],
  loaders: createFollowUpLoaders,
});
