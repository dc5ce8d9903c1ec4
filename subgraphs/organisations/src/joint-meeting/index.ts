import { aggregate } from '@doudi/shared';
import { jointMeetingEntities } from './joint-meeting.entity.js';
import { createJointMeetingLoaders } from './joint-meeting.loaders.js';
import { jointMeetingResolvers } from './joint-meeting.resolver.js';

/** Joint meetings of the departments and the cases they discuss. */
export const jointMeeting = aggregate({
  entities: jointMeetingEntities,
  resolvers: jointMeetingResolvers,
  loaders: createJointMeetingLoaders,
});
