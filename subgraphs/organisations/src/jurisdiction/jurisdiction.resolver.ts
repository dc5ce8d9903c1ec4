import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ancestorCandidates, PageArgs, requirePermission, sliceToConnection } from '@doudi/shared';
import { Jurisdiction, JurisdictionConnection } from './jurisdiction.entity.js';
import { CreateJurisdictionInput, CreateJurisdictionPayload, JurisdictionListArgs } from './jurisdiction.inputs.js';
import { createJurisdiction, getJurisdiction, listJurisdictions } from './jurisdiction.service.js';
import type { Context } from '../context.js';

@Resolver(() => Jurisdiction)
export class JurisdictionResolver {
  @Query(() => Jurisdiction, { description: 'One division by its code; NOT_FOUND if unknown.' })
  jurisdiction(@Arg('code', () => ID) code: string, @Ctx() { em, principal }: Context) {
    requirePermission(principal, 'jurisdictions:read');
    return getJurisdiction(em, code);
  }

  @Query(() => JurisdictionConnection)
  jurisdictions(@Args(() => JurisdictionListArgs) args: JurisdictionListArgs, @Ctx() { em, principal }: Context) {
    requirePermission(principal, 'jurisdictions:read');
    return listJurisdictions(em, args);
  }

  @Mutation(() => CreateJurisdictionPayload)
  async createJurisdiction(
    @Arg('input', () => CreateJurisdictionInput) input: CreateJurisdictionInput,
    @Ctx() { em, principal }: Context,
  ) {
    return { jurisdiction: await createJurisdiction(em, principal, input) };
  }

  @FieldResolver(() => Jurisdiction, { nullable: true, description: 'The division above; null for a province.' })
  parent(@Root() jurisdiction: Jurisdiction, @Ctx() { loaders }: Context) {
    return jurisdiction.parentCode ? loaders.jurisdiction.load(jurisdiction.parentCode) : null;
  }

  @FieldResolver(() => [Jurisdiction], { description: 'The divisions above, from the province down to the parent.' })
  async ancestors(@Root() jurisdiction: Jurisdiction, @Ctx() { loaders }: Context) {
    const found = await loaders.jurisdiction.loadMany(ancestorCandidates(jurisdiction.code));
    return found.filter((j): j is Jurisdiction => j instanceof Jurisdiction);
  }

  @FieldResolver(() => JurisdictionConnection, { description: 'The divisions directly below, by code.' })
  async children(
    @Root() jurisdiction: Jurisdiction,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() { loaders }: Context,
  ) {
    return sliceToConnection(await loaders.childJurisdictions.load(jurisdiction.code), args);
  }
}
