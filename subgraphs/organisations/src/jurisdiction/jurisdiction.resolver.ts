import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ancestorCandidates, nearestPublished, PageArgs, requirePermission, sliceToConnection } from '@doudi/shared';
import { Jurisdiction, JurisdictionConnection } from './jurisdiction.entity.js';
import {
  CreateJurisdictionInput,
  CreateJurisdictionPayload,
  JurisdictionListArgs,
  SetSupervisionHotlineInput,
  SetSupervisionHotlinePayload,
} from './jurisdiction.inputs.js';
import {
  createJurisdiction,
  getJurisdiction,
  listJurisdictions,
  setSupervisionHotline,
} from './jurisdiction.service.js';
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

  @Mutation(() => SetSupervisionHotlinePayload, {
    description:
      'Publishes a division’s supervision and report hotline (临社救办发〔2015〕3号 二(一): 建立并公布社会救助监督举报热线); ' +
      'null withdraws it. Needs jurisdictions:write there.',
  })
  async setSupervisionHotline(
    @Arg('input', () => SetSupervisionHotlineInput) input: SetSupervisionHotlineInput,
    @Ctx() { em, principal }: Context,
  ) {
    return { jurisdiction: await setSupervisionHotline(em, principal, input) };
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The supervision and report hotline published for this division: its own, or that of the nearest division ' +
      'above (a village shows its county’s). Null when none is published.',
  })
  async supervisionHotline(@Root() jurisdiction: Jurisdiction, @Ctx() { loaders }: Context) {
    if (jurisdiction.supervisionHotline) return jurisdiction.supervisionHotline;
    const above = await loaders.jurisdiction.loadMany(ancestorCandidates(jurisdiction.code));
    const published = above.filter((j): j is Jurisdiction => j instanceof Jurisdiction && !!j.supervisionHotline);
    return nearestPublished(jurisdiction.code, published, (j) => j.code)?.supervisionHotline ?? null;
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
