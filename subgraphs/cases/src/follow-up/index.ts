import { aggregate } from '@doudi/shared';
import { FollowUp } from './follow-up.entity.js';
import { CaseFollowUpsResolver, FollowUpResolver } from './follow-up.resolver.js';
import { createFollowUpLoaders } from './follow-up.loaders.js';

/** A case's follow-ups. */
export const followUp = aggregate({
  entities: [FollowUp],
  resolvers: [CaseFollowUpsResolver, FollowUpResolver],
  loaders: createFollowUpLoaders,
});
