import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { permissionsOf, requireSignedIn } from '@doudi/shared';
import { ApiClient, ApiClientConnection, Scope, StaffAccount, StaffAccountConnection } from './account.entities.js';
import { Organisation } from '../organisation/organisation.entity.js';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import {
  AccessTokenPayload,
  ApiClientListArgs,
  ApiClientPayload,
  ClientCredentialsInput,
  CreateApiClientInput,
  CreateApiClientPayload,
  CreateStaffAccountInput,
  DeactivateInput,
  OrganisationApiClientArgs,
  SignInInput,
  StaffAccountListArgs,
  StaffAccountPayload,
  Viewer,
} from './account.inputs.js';
import * as accounts from './account.service.js';
import type { Context } from '../context.js';

@Resolver()
export class AuthResolver {
  @Mutation(() => AccessTokenPayload, { description: 'Staff sign-in with username and password.' })
  signIn(@Arg('input', () => SignInInput) input: SignInInput, @Ctx() { em, services, principal, logger }: Context) {
    return accounts.signIn(em, services.tokens, input, { clientAddress: accounts.clientAddressOf(principal), logger });
  }

  @Mutation(() => AccessTokenPayload, { description: 'An API client exchanges its credentials for an access token.' })
  issueClientToken(
    @Arg('input', () => ClientCredentialsInput) input: ClientCredentialsInput,
    @Ctx() { em, services, principal, logger }: Context,
  ) {
    return accounts.issueClientToken(em, services.tokens, input, {
      clientAddress: accounts.clientAddressOf(principal),
      logger,
    });
  }

  @Mutation(() => Boolean, { description: 'Revokes the access token this request carries.' })
  signOut(@Ctx() { em, principal }: Context) {
    return accounts.signOut(em, principal);
  }

  @Query(() => Viewer, { description: 'The caller, as the access token says.' })
  me(@Ctx() { principal }: Context): Viewer {
    // Defence in depth beside the gateway's rule: an anonymous caller is nobody to describe (issue 10 item 11).
    requireSignedIn(principal);
    return { ...principal, permissions: [...permissionsOf(principal)] };
  }
}

@Resolver(() => Viewer)
export class ViewerResolver {
  @FieldResolver(() => Organisation, { nullable: true })
  organisation(@Root() viewer: Viewer, @Ctx() { loaders }: Context) {
    return viewer.organisationId ? loaders.organisation.load(viewer.organisationId) : null;
  }

  @FieldResolver(() => Jurisdiction, { nullable: true })
  jurisdiction(@Root() viewer: Viewer, @Ctx() { loaders }: Context) {
    return viewer.jurisdictionCode ? loaders.jurisdiction.load(viewer.jurisdictionCode) : null;
  }
}

@Resolver(() => StaffAccount)
export class StaffAccountResolver {
  @Query(() => StaffAccountConnection, { description: 'Accounts in your jurisdiction (needs staff:manage).' })
  staffAccounts(@Args(() => StaffAccountListArgs) args: StaffAccountListArgs, @Ctx() { em, principal }: Context) {
    return accounts.listStaffAccounts(em, principal, args);
  }

  @Mutation(() => StaffAccountPayload)
  async createStaffAccount(
    @Arg('input', () => CreateStaffAccountInput) input: CreateStaffAccountInput,
    @Ctx() { em, principal }: Context,
  ) {
    return { account: await accounts.createStaffAccount(em, principal, input) };
  }

  @Mutation(() => StaffAccountPayload, {
    description: 'Blocks sign-in and revokes its tokens; the account stays on record.',
  })
  async deactivateStaffAccount(
    @Arg('input', () => DeactivateInput) input: DeactivateInput,
    @Ctx() { em, principal }: Context,
  ) {
    return { account: await accounts.deactivateStaffAccount(em, principal, input.id) };
  }

  @FieldResolver(() => Organisation)
  organisation(@Root() account: StaffAccount, @Ctx() { loaders }: Context) {
    return loaders.organisation.load(account.organisationId);
  }

  @FieldResolver(() => Jurisdiction)
  jurisdiction(@Root() account: StaffAccount, @Ctx() { loaders }: Context) {
    return loaders.jurisdiction.load(account.jurisdictionCode);
  }
}

@Resolver(() => ApiClient)
export class ApiClientResolver {
  @Query(() => ApiClientConnection, {
    description:
      'API clients working in your jurisdiction, newest first (needs staff:manage); the secret is never shown again.',
  })
  apiClients(@Args(() => ApiClientListArgs) args: ApiClientListArgs, @Ctx() { em, principal }: Context) {
    return accounts.listApiClients(em, principal, args);
  }

  @Mutation(() => CreateApiClientPayload, {
    description: 'Registers an agency app; the secret is shown only in this answer.',
  })
  createApiClient(
    @Arg('input', () => CreateApiClientInput) input: CreateApiClientInput,
    @Ctx() { em, principal }: Context,
  ) {
    return accounts.createApiClient(em, principal, input);
  }

  @Mutation(() => ApiClientPayload)
  async deactivateApiClient(
    @Arg('input', () => DeactivateInput) input: DeactivateInput,
    @Ctx() { em, principal }: Context,
  ) {
    return { client: await accounts.deactivateApiClient(em, principal, input.id) };
  }

  @FieldResolver(() => [Scope])
  scopes(@Root() client: ApiClient) {
    return client.scopes;
  }

  @FieldResolver(() => Organisation)
  organisation(@Root() client: ApiClient, @Ctx() { loaders }: Context) {
    return loaders.organisation.load(client.organisationId);
  }

  @FieldResolver(() => Jurisdiction, { description: 'The division it works in (its organisation’s or below).' })
  jurisdiction(@Root() client: ApiClient, @Ctx() { loaders }: Context) {
    return loaders.jurisdiction.load(client.jurisdictionCode);
  }
}

@Resolver(() => Organisation)
export class OrganisationApiClientsResolver {
  @FieldResolver(() => ApiClientConnection, {
    description: 'Its API clients within your reach, newest first (needs staff:manage).',
  })
  apiClients(
    @Root() organisation: Organisation,
    @Args(() => OrganisationApiClientArgs) args: OrganisationApiClientArgs,
    @Ctx() { em, principal }: Context,
  ) {
    return accounts.listApiClients(em, principal, { ...args, organisationId: organisation.id });
  }
}
