import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, sliceToConnection } from '@doudi/shared';
import { Jurisdiction, JurisdictionConnection } from './jurisdiction.entity.js';
import { CreateJurisdictionInput, CreateJurisdictionPayload, JurisdictionListArgs } from './jurisdiction.inputs.js';
import { createJurisdiction, getJurisdiction, listJurisdictions } from './jurisdiction.service.js';
import type { Context } from '../context.js';

@Resolver(() => Jurisdiction)
export class JurisdictionResolver {
  @Query(() => Jurisdiction, { description: 'One division by its code; NOT_FOUND if unknown.' })
  jurisdiction(@Arg('code', () => ID) code: string, @Ctx() { em }: Context) {
    return getJurisdiction(em, code);
  }

  @Query(() => JurisdictionConnection)
  jurisdictions(@Args(() => JurisdictionListArgs) args: JurisdictionListArgs, @Ctx() { em }: Context) {
    return listJurisdictions(em, args);
  }

  @Mutation(() => CreateJurisdictionPayload)
  async createJurisdiction(
    @Arg('input', () => CreateJurisdictionInput) input: CreateJurisdictionInput,
    @Ctx() { em }: Context,
  ) {
    return { jurisdiction: await createJurisdiction(em, input) };
  }

  @FieldResolver(() => Jurisdiction, { nullable: true, description: 'The division above; null for a province.' })
  parent(@Root() jurisdiction: Jurisdiction, @Ctx() { loaders }: Context) {
    return jurisdiction.parentCode ? loaders.jurisdiction.load(jurisdiction.parentCode) : null;
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
