import type { EntityManager } from '@mikro-orm/postgresql';
import { byKeyLoader, groupLoader, isUuid } from '@doudi/shared';
import {
  AgreedAction,
  JointMeeting,
  JointMeetingMember,
  JointMeetingSession,
  MemberAnnualReport,
} from './joint-meeting.entity.js';

/**
 * Per-request loaders for the joint-meeting fields, one SQL statement per field and page whatever the
 * number of meetings. Organisations come through the subgraph's own `organisation` loader.
 */
export function createJointMeetingLoaders(em: EntityManager) {
  return {
    jointMeeting: byKeyLoader(
      (ids) => em.find(JointMeeting, { id: { $in: ids.filter(isUuid) } }),
      (m) => m.id,
    ),
    /** Every membership of each meeting, former ones included, in the order units joined. */
    jointMeetingMembers: groupLoader(
      (ids) =>
        em.find(
          JointMeetingMember,
          { meetingId: { $in: ids.filter(isUuid) } },
          { orderBy: [{ joinedAt: 'asc' }, { id: 'asc' }] },
        ),
      (m) => m.meetingId,
    ),
    /** Every session of each meeting, the latest first. */
    jointMeetingSessions: groupLoader(
      (ids) =>
        em.find(
          JointMeetingSession,
          { meetingId: { $in: ids.filter(isUuid) } },
          { orderBy: [{ date: 'desc' }, { id: 'desc' }] },
        ),
      (s) => s.meetingId,
    ),
    /** The agreed actions of each session, in the order they were recorded. */
    agreedActions: groupLoader(
      (ids) => em.find(AgreedAction, { sessionId: { $in: ids.filter(isUuid) } }, { orderBy: [{ id: 'asc' }] }),
      (a) => a.sessionId,
    ),
    /** Every yearly report sent to each meeting (a few dozen a year). */
    memberAnnualReports: groupLoader(
      (ids) =>
        em.find(
          MemberAnnualReport,
          { meetingId: { $in: ids.filter(isUuid) } },
          { orderBy: [{ year: 'desc' }, { submittedAt: 'asc' }, { id: 'asc' }] },
        ),
      (r) => r.meetingId,
    ),
  };
}

export type JointMeetingLoaders = ReturnType<typeof createJointMeetingLoaders>;
