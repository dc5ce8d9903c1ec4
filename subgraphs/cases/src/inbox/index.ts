import { aggregate } from '@doudi/shared';
import { InboxItemResolver, OrganisationInboxResolver } from './inbox.resolver.js';

/** An organisation's inbox: the referrals and tasks waiting for it. */
export const inbox = aggregate({ resolvers: [OrganisationInboxResolver, InboxItemResolver] });
