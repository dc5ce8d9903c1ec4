import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  registerEnumType,
} from 'type-graphql';
import { requirePermission } from '@doudi/shared';
import { Person } from './person.entity.js';
import { Household } from '../household/household.entity.js';
import { AddHouseholdMemberInput } from '../household/household.inputs.js';
import { addHouseholdMember } from '../household/household.service.js';
import { getPerson, PersonalDataField, personByIdNumber, revealPersonalData } from './person.service.js';
import { assertReaches } from '../household/household.access.js';
import { HEALTH_FIELDS, mayRead } from './person.privacy.js';
import { DisabilityCategory } from './person.facts.js';
import type { Context } from '../context.js';

registerEnumType(PersonalDataField, { name: 'PersonalDataField' });

@ObjectType()
export class AddHouseholdMemberPayload {
  @Field(() => Person)
  person: Person;
}

@InputType()
export class RevealPersonalDataInput {
  @Field(() => ID)
  personId: string;

  @Field(() => PersonalDataField)
  field: PersonalDataField;

  @Field(() => String, { description: 'Why you need it (e.g. 核对身份以办理临时救助). Recorded in the audit log.' })
  purpose: string;
}

@ObjectType()
export class RevealPersonalDataPayload {
  @Field(() => String, { nullable: true, description: 'The value in full; null when none is recorded.' })
  value: string | null;
}

@ObjectType({ description: 'Health and disability: a sensitive category (docs/architecture.md, Security model).' })
export class PersonHealth {
  @Field(() => DisabilityCategory, { nullable: true })
  disabilityCategory: DisabilityCategory | null;

  @Field(() => Int, { nullable: true })
  disabilityGrade: number | null;

  @Field(() => Boolean)
  hasDisabilityCertificate: boolean;

  @Field(() => Boolean, { description: '重病' })
  seriousIllness: boolean;

  @Field(() => Boolean, { description: '慢性病' })
  chronicIllness: boolean;
}

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { description: 'One person in your jurisdiction; NOT_FOUND if there is none with this id.' })
  async person(@Arg('id', () => ID) id: string, @Ctx() { em, principal, loaders }: Context) {
    requirePermission(principal, 'households:read');
    const person = await getPerson(em, id);
    const household = await loaders.household.load(person.householdId);
    assertReaches(principal, 'households:read', household!);
    return person;
  }

  @Query(() => Person, {
    description: 'The person with this full ID number, if in your jurisdiction. The search is audited.',
  })
  personByIdNumber(@Arg('idNumber', () => String) idNumber: string, @Ctx() { em, principal, services }: Context) {
    return personByIdNumber(em, principal, services.vault, idNumber);
  }

  @Mutation(() => AddHouseholdMemberPayload)
  async addHouseholdMember(
    @Arg('input', () => AddHouseholdMemberInput) input: AddHouseholdMemberInput,
    @Ctx() { em, principal, services }: Context,
  ) {
    return { person: await addHouseholdMember(em, principal, services.vault, input) };
  }

  @Mutation(() => RevealPersonalDataPayload, {
    description: 'Shows an ID or phone number in full, for a stated purpose; every reveal is written to the audit log.',
  })
  async revealPersonalData(
    @Arg('input', () => RevealPersonalDataInput) input: RevealPersonalDataInput,
    @Ctx() { em, principal, services }: Context,
  ) {
    return { value: await revealPersonalData(em, principal, services.vault, input) };
  }

  @FieldResolver(() => PersonHealth, {
    nullable: true,
    description:
      'Null unless your role may read sensitive facts in the household’s jurisdiction (caseworkers, administrators).',
  })
  async health(@Root() person: Person, @Ctx() { loaders, principal }: Context): Promise<PersonHealth | null> {
    const household = await loaders.household.load(person.householdId);
    // The same rule as every other path that carries these facts (person.privacy.ts).
    if (!household || !HEALTH_FIELDS.every((field) => mayRead(principal, household, field))) return null;
    const { disabilityCategory, disabilityGrade, hasDisabilityCertificate, seriousIllness, chronicIllness } = person;
    return { disabilityCategory, disabilityGrade, hasDisabilityCertificate, seriousIllness, chronicIllness };
  }

  @FieldResolver(() => Household)
  async household(@Root() person: Person, @Ctx() { loaders }: Context) {
    return loaders.household.load(person.householdId);
  }
}
