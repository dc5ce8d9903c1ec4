import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { PageArgs } from '@doudi/shared';
import { Notification } from './notification.entity.js';

@ArgsType()
export class NotificationListArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, description: 'Only those nobody has marked read yet (default false).' })
  unreadOnly?: boolean;
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
