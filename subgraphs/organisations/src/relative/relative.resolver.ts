import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { maskIdNumber, maskName, requireSignedIn } from '@doudi/shared';
import { Organisation } from '../organisation/organisation.entity.js';
import type { Context } from '../context.js';
import { CloseRelativeDeclaration } from './relative.entity.js';
import {
  CloseRelativePayload,
  DeclareCloseRelativeInput,
  WithdrawCloseRelativeDeclarationInput,
} from './relative.inputs.js';
import {
  declareCloseRelative,
  organisationDeclarations,
  ownDeclarations,
  withdrawCloseRelative,
} from './relative.service.js';

@ObjectType({ description: 'Who declared: a staff account, or a village committee member by masked name.' })
export class Declarant {
  @Field(() => ID, { nullable: true })
  accountId: string | null;

  @Field(() => String, { nullable: true, description: 'A committee member without an account, masked (张**).' })
  memberName: string | null;
}

/**
 * 备案 (临社救办发〔2015〕3号 二(一): 社会救助经办人员和村(居)民委员会工作人员及其近亲属享受社会救助备案): staff and village
 * committee members declare their close relatives once; programmes files every proposal for a household in which
 * one lives, whoever proposes it.
 */
@Resolver(() => CloseRelativeDeclaration)
export class CloseRelativeResolver {
  @Mutation(() => CloseRelativePayload, {
    description:
      'Declares a close relative (近亲属) of yours, or of a village committee member without an account (by the ' +
      'committee’s staff or a staff manager over it). The number is checked (GB 11643) and sealed; proposals for the ' +
      'relative’s household that you or the committee take part in are then filed (备案) on their own.',
  })
  async declareCloseRelative(
    @Arg('input', () => DeclareCloseRelativeInput) input: DeclareCloseRelativeInput,
    @Ctx() { em, principal, services }: Context,
  ) {
    requireSignedIn(principal);
    return { declaration: await declareCloseRelative(em, principal, services.vault, input) };
  }

  @Mutation(() => CloseRelativePayload, {
    description: 'Withdraws a declaration (the relationship ended, or a mistake) with a reason; it stays on record.',
  })
  async withdrawCloseRelativeDeclaration(
    @Arg('input', () => WithdrawCloseRelativeDeclarationInput) input: WithdrawCloseRelativeDeclarationInput,
    @Ctx() { em, principal }: Context,
  ) {
    requireSignedIn(principal);
    return { declaration: await withdrawCloseRelative(em, principal, input) };
  }

  @Query(() => [CloseRelativeDeclaration], { description: 'The close relatives you declared, newest first.' })
  myCloseRelativeDeclarations(@Ctx() { em, principal }: Context) {
    requireSignedIn(principal);
    return ownDeclarations(em, principal);
  }

  @FieldResolver(() => String, { description: 'Masked (王**).' })
  relativeName(@Root() declaration: CloseRelativeDeclaration, @Ctx() { services }: Context) {
    return maskName(services.vault.decrypt(declaration.relativeNameSealed));
  }

  @FieldResolver(() => String, { description: 'Masked (141023********1234).' })
  idNumber(@Root() declaration: CloseRelativeDeclaration, @Ctx() { services }: Context) {
    return maskIdNumber(services.vault.decrypt(declaration.idNumberSealed));
  }

  @FieldResolver(() => Declarant)
  declarant(@Root() declaration: CloseRelativeDeclaration, @Ctx() { services }: Context): Declarant {
    return {
      accountId: declaration.accountId,
      memberName: declaration.declarantNameSealed
        ? maskName(services.vault.decrypt(declaration.declarantNameSealed))
        : null,
    };
  }

  @FieldResolver(() => Organisation)
  organisation(@Root() declaration: CloseRelativeDeclaration, @Ctx() { loaders }: Context) {
    return loaders.organisation.load(declaration.organisationId);
  }
}

@Resolver(() => Organisation)
export class OrganisationRelativesResolver {
  @FieldResolver(() => [CloseRelativeDeclaration], {
    description: 'The close relatives its staff and committee members declared (备案), for staff managers over it.',
  })
  closeRelativeDeclarations(@Root() organisation: Organisation, @Ctx() { em, principal }: Context) {
    return organisationDeclarations(em, principal, organisation);
  }
}
