import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { PageArgs, UPDATED_SINCE_DESCRIPTION } from '@doudi/shared';
import { Notification } from './notification.entity.js';

@ArgsType()
export class NotificationListArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, description: 'Only those nobody has marked read yet (default false).' })
  unreadOnly?: boolean;

  @Field(() => Date, {
    nullable: true,
    description:
      UPDATED_SINCE_DESCRIPTION +
      ' A notification changes when it is created and when someone of the organisation marks it read. None is ever ' +
      'deleted, so there is nothing to drop.',
  })
  updatedSince?: Date;
}

@InputType()
export class MarkNotificationReadInput {
  @Field(() => ID)
  notificationId: string;
}

@ObjectType()
export class MarkNotificationReadPayload {
  @Field(() => Notification)
  notification: Notification;
}
