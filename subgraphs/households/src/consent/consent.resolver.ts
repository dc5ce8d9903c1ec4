import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Household } from '../household/household.entity.js';
import { Person } from '../person/person.entity.js';
import { ConsentPurpose, ConsentRecord } from './consent.entity.js';
import {
  RecordConsentInput,
  RecordConsentPayload,
  WithdrawConsentInput,
  WithdrawConsentPayload,
} from './consent.inputs.js';
import { consentHolds, recordConsent, withdrawConsent } from './consent.service.js';
import type { Context } from '../context.js';

@Resolver(() => Household)
export class HouseholdConsentResolver {
  @Mutation(() => RecordConsentPayload, {
    description: 'Records a consent a member of the household gave (本人或家属); audited.',
  })
  async recordConsent(
    @Arg('input', () => RecordConsentInput) input: RecordConsentInput,
    @Ctx() { em, principal }: Context,
  ) {
    return { consent: await recordConsent(em, principal, input) };
  }

  @Mutation(() => WithdrawConsentPayload, {
    description:
      'Withdraws a consent from now (or the given instant) on; withdrawing it again is INVALID_STATE. Audited.',
  })
  async withdrawConsent(
    @Arg('input', () => WithdrawConsentInput) input: WithdrawConsentInput,
    @Ctx() { em, principal }: Context,
  ) {
    return { consent: await withdrawConsent(em, principal, input) };
  }

  @FieldResolver(() => [ConsentRecord], {
    description: 'Consents the family gave, withdrawn ones included, most recent first.',
  })
  async consents(
    @Root() household: Household,
    @Arg('purpose', () => ConsentPurpose, { nullable: true }) purpose: ConsentPurpose | null,
    @Ctx() ctx: Context,
  ) {
    const records = await ctx.loaders.consentsByHousehold.load(household.id);
    return purpose ? records.filter((record) => record.purpose === purpose) : records;
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether the family agrees, now, to this purpose: ask before publishing a case or decision (公示).',
  })
  async hasConsent(
    @Root() household: Household,
    @Arg('purpose', () => ConsentPurpose) purpose: ConsentPurpose,
    @Ctx() ctx: Context,
  ) {
    return consentHolds(await ctx.loaders.consentsByHousehold.load(household.id), purpose);
  }
}

@Resolver(() => ConsentRecord)
export class ConsentRecordResolver {
  @FieldResolver(() => Person, { nullable: true, description: 'The member who gave it.' })
  person(@Root() consent: ConsentRecord, @Ctx() { loaders }: Context) {
    return loaders.person.load(consent.personId);
  }
}
