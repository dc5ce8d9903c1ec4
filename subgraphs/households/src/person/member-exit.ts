import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { OptimisticLockError, type EntityManager } from '@mikro-orm/postgresql';
import {
  assertId,
  badInput,
  conflict,
  DateScalar,
  invalidState,
  pastDate,
  publishEvent,
  requiredPlainText,
  requirePermission,
  type Principal,
} from '@doudi/shared';
import { Household } from '../household/household.entity.js';
import { assertReaches } from '../household/household.access.js';
import { getHousehold } from '../household/household.service.js';
import { TEXT_LIMITS } from '../household/household.limits.js';
import { recordChange, snapshotOf } from '../history/history.service.js';
import { MemberExitKind, Person } from './person.entity.js';
import { getPerson } from './person.service.js';
import type { Context } from '../context.js';

@InputType({ description: 'A member’s death or departure (issue 17 item 8).' })
export class RecordMemberExitInput {
  @Field(() => ID)
  personId: string;

  @Field(() => MemberExitKind)
  kind: MemberExitKind;

  @Field(() => DateScalar, { description: 'The day of the death or departure; not in the future.' })
  on: string;

  @Field(() => String, { description: 'Who reported it, e.g. 死亡医学证明, 派出所户籍注销, 村委会.' })
  source: string;
}

@ObjectType()
export class RecordMemberExitPayload {
  @Field(() => Person)
  person: Person;

  @Field(() => Household)
  household: Household;

  @Field(() => Boolean, { description: 'False when this exit was recorded already (a retry changes nothing).' })
  changed: boolean;
}

export interface MemberExitValues {
  personId: string;
  kind: MemberExitKind;
  on: string;
  source: string;
}

/**
 * Records that a member died or left the household on a day. From that day the household's size, its per-capita
 * income and the screening's facts count only the members still there (临社救办发〔2015〕3号 二(一): 按实际收入计算家庭收入,
 * per head of those who live together); the member's record stays, and the history keeps who was there when. The
 * same exit again changes nothing; a different one for a member already gone is INVALID_STATE. Programmes hears of
 * it (household.facts.changed) and screens the household again.
 */
export async function recordMemberExit(em: EntityManager, principal: Principal, input: MemberExitValues) {
  requirePermission(principal, 'households:write');
  const personId = assertId('input.personId', input.personId);
  if (!Object.values(MemberExitKind).includes(input.kind)) throw badInput('input.kind', `Unknown kind ${input.kind}`);
  const on = pastDate('input.on', input.on);
  const source = requiredPlainText('input.source', input.source, TEXT_LIMITS.source, 'A source');
  try {
    return await em.transactional(async (tx) => {
      const person = await getPerson(tx, personId);
      const household = await getHousehold(tx, person.householdId);
      assertReaches(principal, 'households:write', household);
      if (person.exitedOn !== null) {
        if (person.exitKind === input.kind && person.exitedOn === on) return { person, household, changed: false };
        throw invalidState(
          `${person.name} is recorded as ${person.exitKind === MemberExitKind.DEATH ? 'dead' : 'gone'} since ${person.exitedOn}`,
          { exitKind: person.exitKind, exitedOn: person.exitedOn },
        );
      }
      if (person.birthDate && on < person.birthDate) throw badInput('input.on', 'input.on cannot be before the birth');
      const before = snapshotOf(person);
      Object.assign(person, { exitKind: input.kind, exitedOn: on, exitSource: source });
      recordChange(tx, principal, source, person, before);
      const codes = [household.jurisdictionCode, household.residenceJurisdictionCode].filter((c): c is string => !!c);
      publishEvent(tx, {
        type: 'household.facts.changed',
        aggregateId: person.id,
        payload: {
          householdIds: [household.id],
          jurisdictionCodes: [...new Set(codes)].sort(),
          source: principal.organisationId,
          asOf: on,
        },
      });
      await tx.flush();
      return { person, household, changed: true };
    });
  } catch (error) {
    if (error instanceof OptimisticLockError)
      throw conflict(`Person ${personId} was changed by someone else just now; retry`, { field: 'input.personId' });
    throw error;
  }
}

@Resolver()
export class MemberExitResolver {
  @Mutation(() => RecordMemberExitPayload, {
    description:
      'Records a member’s death or departure with its date and source: from that day the household’s size, ' +
      'per-capita income and screening count only the members still there; the history keeps who was there. Idempotent.',
  })
  recordMemberExit(
    @Arg('input', () => RecordMemberExitInput) input: RecordMemberExitInput,
    @Ctx() { em, principal }: Context,
  ) {
    return recordMemberExit(em, principal, input);
  }
}
