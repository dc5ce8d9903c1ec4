import type { GetListParams } from 'react-admin';
import { currentViewer } from '../auth/auth-provider';
import { execute } from '../data/client';
import { connectionArgs } from '../data/connection';
import type { ResultOf } from '../graphql/graphql';
import type { ResourceData } from '../resource';
import { INBOX } from './documents';

export type InboxItem = ResultOf<typeof INBOX>['organisation']['inbox']['nodes'][number];
export type InboxRow = InboxItem & { id: string };

/** An inbox item has no id of its own: the referral, task or follow-up it stands for has. */
export const rowId = (item: InboxItem) =>
  `${item.kind}:${item.referral?.id ?? item.task?.id ?? item.followUp?.id ?? item.case.id}`;

export const inboxData: ResourceData = {
  /** The signed-in person's organisation's inbox, one page at a time in the API's order (soonest due first). */
  async getList(_resource, params: GetListParams) {
    const viewer = await currentViewer();
    if (!viewer.organisation) return { data: [], total: 0 };
    const { first, offset } = connectionArgs(params, {});
    const { organisation } = await execute(
      INBOX,
      { organisationId: viewer.organisation.id, first, offset },
      { signal: params.signal },
    );
    const rows = organisation.inbox.nodes.map((item) => ({ ...item, id: rowId(item) }));
    return { data: rows as never[], total: organisation.inbox.totalCount };
  },
};
