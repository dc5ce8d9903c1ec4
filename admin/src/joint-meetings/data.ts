import type { GetListParams, GetOneParams } from 'react-admin';
import { execute } from '../data/client';
import { connectionArgs } from '../data/connection';
import type { ResultOf } from '../graphql/graphql';
import type { ResourceData } from '../resource';
import { JOINT_MEETING, JOINT_MEETINGS } from './documents';

export type MeetingRecord = ResultOf<typeof JOINT_MEETING>['jointMeeting'];
export type MeetingRow = ResultOf<typeof JOINT_MEETINGS>['jointMeetings']['nodes'][number];
export type Session = MeetingRecord['sessions']['nodes'][number];

/** Joint meetings of the division chosen and below, a page at a time. */
export const meetingData: ResourceData = {
  async getList(_resource, params: GetListParams) {
    const args = connectionArgs(params, { name: 'NAME', 'jurisdiction.name': 'JURISDICTION_CODE' } as const);
    const jurisdictionCode = (params.filter?.jurisdictionCode as string | undefined) || undefined;
    const { jointMeetings } = await execute(
      JOINT_MEETINGS,
      { ...args, filter: { jurisdictionCode } },
      { signal: params.signal },
    );
    return { data: jointMeetings.nodes as never[], total: jointMeetings.totalCount };
  },
  async getOne(_resource, params: GetOneParams) {
    const { jointMeeting } = await execute(JOINT_MEETING, { id: String(params.id) }, { signal: params.signal });
    return { data: jointMeeting as never };
  },
};
