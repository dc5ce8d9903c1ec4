import { aggregate } from '@doudi/shared';
import { ApiClient, AuthSession, StaffAccount } from './account.entities.js';
import {
  ApiClientResolver,
  AuthResolver,
  OrganisationApiClientsResolver,
  StaffAccountResolver,
  ViewerResolver,
} from './account.resolver.js';

/** Staff accounts, API clients and their sessions: signing in and the tokens it issues. */
export const account = aggregate({
  entities: [StaffAccount, ApiClient, AuthSession],
  resolvers: [AuthResolver, ViewerResolver, StaffAccountResolver, ApiClientResolver, OrganisationApiClientsResolver],
});
