import { Arg, Args, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import { Organisation } from '../organisation/organisation.entity.js';
import type { Context } from '../context.js';
import { Notification, NotificationConnection } from './notification.entity.js';
import { MarkNotificationReadInput, MarkNotificationReadPayload, NotificationListArgs } from './notification.inputs.js';
import { markNotificationRead, requireMayReadNotifications } from './notification.service.js';

@Resolver(() => Organisation)
export class OrganisationNotificationsResolver {
  @FieldResolver(() => NotificationConnection, {
    description:
      'Deadline reminders and escalations for this organisation, newest first. Read by its own staff and apps, and by ' +
      'administrators over its jurisdiction.',
  })
  notifications(
    @Root() organisation: Organisation,
    @Args(() => NotificationListArgs) args: NotificationListArgs,
    @Ctx() { principal, loaders }: Context,
  ) {
    requireMayReadNotifications(principal, organisation);
    return loaders.notificationPages(args).load(organisation.id);
  }
}

@Resolver(() => Notification)
export class NotificationResolver {
  @Mutation(() => MarkNotificationReadPayload, {
    description: 'Marks a notification read for the whole organisation (its own staff and apps only).',
  })
  async markNotificationRead(
    @Arg('input', () => MarkNotificationReadInput) input: MarkNotificationReadInput,
    @Ctx() { em, principal }: Context,
  ) {
    return { notification: await markNotificationRead(em, principal, input) };
  }

  @FieldResolver(() => Organisation, { description: 'The organisation notified.' })
  organisation(@Root() notification: Notification, @Ctx() { loaders }: Context) {
    return loaders.organisation.load(notification.organisationId);
  }

  @FieldResolver(() => Organisation, {
    nullable: true,
    description: 'The organisation that must act on the step (on an escalation, the office sees who it is).',
  })
  responsibleOrganisation(@Root() notification: Notification, @Ctx() { loaders }: Context) {
    return loaders.organisation.load(notification.responsibleOrganisationId);
  }

  @FieldResolver(() => Jurisdiction, { nullable: true, description: 'The jurisdiction of the case.' })
  jurisdiction(@Root() notification: Notification, @Ctx() { loaders }: Context) {
    return loaders.jurisdiction.load(notification.jurisdictionCode);
  }
}

/** The resolver classes to add to the organisations subgraph's buildFederatedSchema. */
export const notificationResolvers = [OrganisationNotificationsResolver, NotificationResolver] as const;
