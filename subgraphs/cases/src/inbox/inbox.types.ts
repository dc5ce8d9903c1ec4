import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, SyncConnectionType } from '@doudi/shared';

export enum InboxItemKind {
  REFERRAL = 'REFERRAL',
  TASK = 'TASK',
  FOLLOW_UP = 'FOLLOW_UP',
}
registerEnumType(InboxItemKind, { name: 'InboxItemKind' });

/** One thing an organisation must answer or do (a row of the inbox query; its fields resolve through loaders). */
@ObjectType({ description: 'Something an organisation must answer or do, with when it is due.' })
export class InboxItem {
  @Field(() => InboxItemKind)
  kind: InboxItemKind;

  /** The referral's, task's or follow-up's id. */
  id: string;

  caseId: string;

  jurisdictionCode: string;

  @Field(() => DateScalar, { nullable: true })
  dueDate: string | null;

  @Field(() => Boolean, {
    description:
      'Still to answer or do. Only a sync (updatedSince) answers false: the referral was answered, declined or ' +
      'forwarded, the task done or cancelled, the follow-up made — drop it from your copy of the inbox.',
  })
  open: boolean;

  @Field(() => Date, { description: 'When the referral, task or follow-up last changed (docs/sync.md).' })
  updatedAt: Date;
}

@ObjectType()
export class InboxConnection extends SyncConnectionType(InboxItem) {}
