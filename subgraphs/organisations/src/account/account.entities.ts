import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType, newId, ROLES, PERMISSIONS, type Permission, type Role } from '@doudi/shared';
import { Organisation } from '../organisation/organisation.entity.js';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';

export const StaffRole = Object.fromEntries(ROLES.map((r) => [r, r])) as { [K in Role]: K };
registerEnumType(StaffRole, { name: 'StaffRole' });

/** Scopes are permissions written with underscores in the schema: `cases:read` is CASES_READ. */
export const Scope = Object.fromEntries(PERMISSIONS.map((p) => [scopeName(p), p])) as Record<string, Permission>;
registerEnumType(Scope, { name: 'Scope', description: 'A permission granted to an API client.' });
export function scopeName(permission: Permission): string {
  return permission.replace(/[:-]/g, '_').toUpperCase();
}

@Entity({ tableName: 'staff_account' })
@ObjectType({ description: 'A person who signs in for an organisation.' })
@Directive('@key(fields: "id")')
export class StaffAccount {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = newId();

  @ManyToOne({ entity: () => Organisation, mapToPk: true, fieldName: 'organisation_id', index: true })
  organisationId: string;

  @Property({ type: 'text', unique: true })
  @Field(() => String)
  username: string;

  @Property({ type: 'text' })
  @Field(() => String)
  displayName: string;

  @Property({ type: 'text', hidden: true })
  passwordHash: string;

  @Property({ type: 'text[]' })
  @Field(() => [StaffRole])
  roles: Role[];

  /** The subtree the account works in: its organisation's jurisdiction or one below it. */
  @ManyToOne({ entity: () => Jurisdiction, mapToPk: true, fieldName: 'jurisdiction_code' })
  jurisdictionCode: string;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'Set when the account was deactivated; it can no longer sign in.' })
  deactivatedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  lastSignInAt: Date | null = null;

  @Property({ type: 'integer', version: true })
  @Field(() => Int)
  version: number = 1;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date = new Date();
}

@ObjectType()
export class StaffAccountConnection extends ConnectionType(StaffAccount) {}

@Entity({ tableName: 'api_client' })
@ObjectType({ description: "A third-party agency app (the police case system, a hospital's desk …)." })
export class ApiClient {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'The client id it authenticates with.' })
  id: string = newId();

  @ManyToOne({ entity: () => Organisation, mapToPk: true, fieldName: 'organisation_id', index: true })
  organisationId: string;

  @Property({ type: 'text' })
  @Field(() => String)
  name: string;

  @Property({ type: 'text', hidden: true })
  secretHash: string;

  @Property({ type: 'text[]' })
  scopes: Permission[];

  @ManyToOne({ entity: () => Jurisdiction, mapToPk: true, fieldName: 'jurisdiction_code' })
  jurisdictionCode: string;

  /**
   * The person who answers for the app: the staff account that registered it, or, for an app registered by
   * another app, that app's person. Its tokens carry this as their actor, so separation of duties holds
   * across identities. Null for apps registered before it was kept: their actor is the app itself.
   */
  @Property({ type: 'uuid', nullable: true })
  registeredById: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  deactivatedAt: Date | null = null;

  @Property({ type: 'integer', version: true })
  @Field(() => Int)
  version: number = 1;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date = new Date();
}

@ObjectType()
export class ApiClientConnection extends ConnectionType(ApiClient) {}

export enum SessionKind {
  STAFF = 'STAFF',
  API_CLIENT = 'API_CLIENT',
}

/** One issued access token; revoking the session revokes the token at the gateway. */
@Entity({ tableName: 'auth_session' })
export class AuthSession {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'text' })
  kind: SessionKind;

  @Property({ type: 'uuid', index: true })
  principalId: string;

  @Property({ type: 'datetime' })
  issuedAt: Date = new Date();

  @Property({ type: 'datetime' })
  expiresAt: Date;

  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;
}
