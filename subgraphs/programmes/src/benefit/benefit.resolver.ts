import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createOnce, formatYuan, notFound, previousCreate, requirePermission, type Principal } from '@doudi/shared';
import { auditStep } from './benefit.audit.js';
import { announceBenefit } from './benefit.announce.js';
import { Benefit, BenefitConnection } from './benefit.entity.js';
import { BenefitStatus, StaffRelation } from './benefit-status.js';
import { BenefitObjection } from './objection.entity.js';
import { grantBenefit } from './benefit.service.js';
import {
  activateBenefit,
  approvalFiling,
  approveBenefit,
  endBenefit,
  objectToBenefit,
  rejectBenefit,
  resolveObjection,
} from './benefit-decision.service.js';
import {
  ActivateBenefitInput,
  BenefitListArgs,
  BenefitPayload,
  DecideBenefitInput,
  EndBenefitInput,
  GrantBenefitInput,
  ObjectionPayload,
  ObjectToBenefitInput,
  ResolveObjectionInput,
} from './benefit.inputs.js';
import { assertMayReadBenefit, listBenefits } from './benefit.access.js';
import { Programme } from '../programme/programme.entity.js';
import { HouseholdRef, PersonRef } from '../household/household.ref.js';
import { ProgrammeSettingsView, settingsView } from '../version/settings-view.js';
import type { Context } from '../context.js';

/**
 * Runs one step of a benefit's life in a transaction and writes its event to the outbox in the same
 * transaction, so the other subgraphs hear of exactly the steps that happened.
 */
async function step<T extends { benefit: Benefit; changed?: boolean }>(
  em: EntityManager,
  run: (tx: EntityManager) => Promise<T>,
  audit?: { principal: Principal; action: string },
) {
  return em.transactional(async (tx) => {
    const result = await run(tx);
    if (result.changed !== false) {
      await announceBenefit(tx, result.benefit);
      // 周政办字〔2017〕70号 六(三): 认定 (each decision) is a focus of audit, in the same transaction as the step.
      if (audit) await auditStep(tx, audit.principal, audit.action, result.benefit);
    }
    return result;
  });
}

@Resolver(() => Benefit)
export class BenefitResolver {
  @Query(() => Benefit, { description: 'One benefit; NOT_FOUND if there is none with this id.' })
  async benefit(@Arg('id', () => ID) id: string, @Ctx() { loaders, principal }: Context) {
    const benefit = await loaders.benefit.load(id);
    if (!benefit) throw notFound('Benefit', id);
    return assertMayReadBenefit(principal, benefit);
  }

  @Query(() => BenefitConnection, { description: 'Benefits of households in your jurisdiction (the ledger).' })
  benefits(@Args(() => BenefitListArgs) args: BenefitListArgs, @Ctx() { em, principal }: Context) {
    return listBenefits(em, principal, args);
  }

  @Mutation(() => BenefitPayload, {
    description:
      'Proposes relief under the configuration in force on grantedOn, within the programme’s caps (LIMIT_EXCEEDED says the room left).',
  })
  async grantBenefit(@Arg('input', () => GrantBenefitInput) input: GrantBenefitInput, @Ctx() ctx: Context) {
    const caller = {
      principal: ctx.principal,
      assertion: ctx.assertion,
      households: ctx.services.households,
      calendar: ctx.services.calendar,
      filing: ctx.services.filing,
    };
    return { benefit: await grantBenefit(ctx.em, caller, input) };
  }

  @Mutation(() => BenefitPayload, {
    description: 'PROPOSED → APPROVED (or IN_NOTICE when the programme sets public notice).',
  })
  async approveBenefit(@Arg('input', () => DecideBenefitInput) input: DecideBenefitInput, @Ctx() ctx: Context) {
    const { em, principal } = ctx;
    // 备案: the approver's declared relatives, asked before the transaction opens (no network call inside it).
    const filing = await approvalFiling(em, principal, input.benefitId, ctx.services.filing);
    return step(em, async (tx) => ({ benefit: await approveBenefit(tx, principal, input, filing) }), {
      principal,
      action: 'BENEFIT_APPROVED',
    });
  }

  @Mutation(() => BenefitPayload, { description: 'PROPOSED → REJECTED, with the reason.' })
  rejectBenefit(@Arg('input', () => DecideBenefitInput) input: DecideBenefitInput, @Ctx() { em, principal }: Context) {
    return step(em, async (tx) => ({ benefit: await rejectBenefit(tx, principal, input) }), {
      principal,
      action: 'BENEFIT_REJECTED',
    });
  }

  @Mutation(() => BenefitPayload, {
    description: 'APPROVED → ACTIVE; after public notice, once it ended without open objections.',
  })
  activateBenefit(
    @Arg('input', () => ActivateBenefitInput) input: ActivateBenefitInput,
    @Ctx() { em, principal }: Context,
  ) {
    return step(em, async (tx) => ({ benefit: await activateBenefit(tx, principal, input) }), {
      principal,
      action: 'BENEFIT_ACTIVATED',
    });
  }

  @Mutation(() => BenefitPayload, {
    description:
      'ACTIVE → ENDED. A dibao or tekun benefit that no longer qualifies (cause NO_LONGER_QUALIFIES, the default) first ' +
      'goes under public notice of its ending (临社救办发〔2015〕3号 二(二)1: 终止供养并予以公示): it stays ACTIVE with ' +
      'endingNoticeStartsOn/EndsOn, objections are received (objectToBenefit), and it ENDS when the notice closes ' +
      'without an upheld objection (closeEndingNotice, or the hourly sweep). Other causes and kinds end on endedOn.',
  })
  endBenefit(@Arg('input', () => EndBenefitInput) input: EndBenefitInput, @Ctx() { em, principal }: Context) {
    return step(em, async (tx) => {
      const benefit = await endBenefit(tx, principal, input);
      await auditStep(
        tx,
        principal,
        benefit.status === BenefitStatus.ENDED ? 'BENEFIT_ENDED' : 'BENEFIT_ENDING_NOTICE',
        benefit,
      );
      // An ending under notice is no step of the ledger yet: announced when it takes effect.
      return { benefit, changed: benefit.status === BenefitStatus.ENDED };
    });
  }

  @Mutation(() => ObjectionPayload, {
    description:
      'Records an objection received during public notice; once per idempotencyKey (a retry answers the first ' +
      'objection, even after the notice).',
  })
  async objectToBenefit(
    @Arg('input', () => ObjectToBenefitInput) input: ObjectToBenefitInput,
    @Ctx() { em, principal }: Context,
  ) {
    const { idempotencyKey, ...sent } = input;
    const answer = async (fresh: EntityManager, id: string) => {
      const objection = await fresh.findOneOrFail(BenefitObjection, { id });
      const benefit = await fresh.findOneOrFail(Benefit, { id: objection.benefitId });
      requirePermission(principal, 'benefits:propose', benefit.jurisdictionCode);
      return { objection, benefit };
    };
    const previous = await previousCreate(em, 'objectToBenefit', idempotencyKey, sent);
    if (previous) return answer(em, previous);
    const record = (tx: EntityManager) => step(tx, (inner) => objectToBenefit(inner, principal, sent));
    if (!idempotencyKey) return record(em);
    return createOnce(em, 'objectToBenefit', idempotencyKey, sent, async (tx) => (await record(tx)).objection, answer);
  }

  @Mutation(() => ObjectionPayload, { description: 'Upholding an objection rejects the benefit.' })
  resolveObjection(
    @Arg('input', () => ResolveObjectionInput) input: ResolveObjectionInput,
    @Ctx() { em, principal }: Context,
  ) {
    return step(em, (tx) => resolveObjection(tx, principal, input));
  }

  @FieldResolver(() => String, { description: 'Yuan.' })
  amount(@Root() benefit: Benefit) {
    return formatYuan(benefit.amountFen);
  }

  @FieldResolver(() => HouseholdRef)
  household(@Root() benefit: Benefit): HouseholdRef {
    return { id: benefit.householdId };
  }

  @FieldResolver(() => PersonRef, { nullable: true, description: 'The member it is for, when it is for one person.' })
  person(@Root() benefit: Benefit): PersonRef | null {
    return benefit.personId ? { id: benefit.personId } : null;
  }

  @FieldResolver(() => Programme)
  programme(@Root() benefit: Benefit, @Ctx() { loaders }: Context) {
    return loaders.programme.load(benefit.programmeId);
  }

  @FieldResolver(() => Boolean, {
    description: 'To relief staff or their close relatives: filed for oversight (备案, 临社救办发〔2015〕3号 二(一)).',
  })
  filingRequired(@Root() benefit: Benefit) {
    return benefit.staffRelation !== StaffRelation.NONE;
  }

  @FieldResolver(() => ProgrammeSettingsView, { description: 'The configuration it followed, as it was on grantedOn.' })
  settings(@Root() benefit: Benefit) {
    return settingsView(benefit.settings);
  }

  @FieldResolver(() => [BenefitObjection])
  objections(@Root() benefit: Benefit, @Ctx() { loaders }: Context) {
    return loaders.objectionsByBenefit.load(benefit.id);
  }
}
