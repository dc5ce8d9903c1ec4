import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { PageArgs, type Permission, type Role } from '@doudi/shared';
import { ApiClient, Scope, StaffAccount, StaffRole } from './account.entities.js';

@InputType()
export class SignInInput {
  @Field(() => String)
  username: string;

  @Field(() => String)
  password: string;
}

@InputType({ description: "An API client's credentials, exchanged for a short-lived access token." })
export class ClientCredentialsInput {
  @Field(() => ID)
  clientId: string;

  @Field(() => String)
  clientSecret: string;
}

@ObjectType({ description: 'Send as `Authorization: Bearer <accessToken>` until it expires.' })
export class AccessTokenPayload {
  @Field(() => String)
  accessToken: string;

  @Field(() => String)
  tokenType: string;

  @Field(() => Date)
  expiresAt: Date;
}

@InputType()
export class CreateStaffAccountInput {
  @Field(() => ID)
  organisationId: string;

  @Field(() => String, { description: 'Lower-case letters, digits, dots, dashes, underscores.' })
  username: string;

  @Field(() => String)
  displayName: string;

  @Field(() => String, { description: 'At least 10 characters, not containing the username.' })
  password: string;

  @Field(() => [StaffRole])
  roles: Role[];

  @Field(() => ID, {
    nullable: true,
    description: "Defaults to the organisation's jurisdiction; may be a division below it.",
  })
  jurisdictionCode?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Send the same key (and the same password) when retrying: the account is created once and the retry answers it.',
  })
  idempotencyKey?: string | null;
}

@ObjectType()
export class StaffAccountPayload {
  @Field(() => StaffAccount)
  account: StaffAccount;
}

@InputType()
export class CreateApiClientInput {
  @Field(() => ID)
  organisationId: string;

  @Field(() => String)
  name: string;

  @Field(() => [Scope], { description: 'What the app may do; at most what the granting administrator holds.' })
  scopes: Permission[];

  @Field(() => ID, { nullable: true })
  jurisdictionCode?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Send the same key when retrying: the client is registered once, and the retry answers it without a secret.',
  })
  idempotencyKey?: string | null;
}

@ObjectType()
export class CreateApiClientPayload {
  @Field(() => ApiClient)
  client: ApiClient;

  @Field(() => String, {
    nullable: true,
    description:
      'Shown once: store it in the app; only its hash is kept. Null when this answers a retry (the same ' +
      'idempotencyKey): a secret is never issued twice — if the first answer was lost, deactivate that client and ' +
      'register another.',
  })
  clientSecret: string | null;
}

@ObjectType()
export class ApiClientPayload {
  @Field(() => ApiClient)
  client: ApiClient;
}

@InputType()
export class DeactivateInput {
  @Field(() => ID)
  id: string;
}

@ArgsType()
export class StaffAccountListArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  organisationId?: string;
}

@ArgsType()
export class ApiClientListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only this organisation's apps." })
  organisationId?: string;
}

@ArgsType()
export class OrganisationApiClientArgs extends PageArgs {}

@ObjectType({ description: 'Who the access token belongs to.' })
export class Viewer {
  @Field(() => String)
  kind: string;

  @Field(() => ID, { nullable: true })
  id: string | null;

  @Field(() => [StaffRole])
  roles: Role[];

  @Field(() => [Scope], { description: 'API clients: their scopes. Staff: every permission their roles give.' })
  permissions: Permission[];

  organisationId: string | null;
  jurisdictionCode: string | null;
}
