import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Case } from '../case/case.entity.js';
import { PublicNotice } from './notice.entity.js';
import {
  ClosePublicNoticeInput,
  NoticePayload,
  RecordObjectionInput,
  StartPublicNoticeInput,
} from './notice.inputs.js';
import { closePublicNotice, recordObjection, startPublicNotice } from './notice.service.js';
import type { Context } from '../context.js';

@Resolver(() => Case)
export class CaseNoticesResolver {
  @FieldResolver(() => [PublicNotice], { description: 'Public notices (公示) of the case, oldest first.' })
  notices(@Root() found: Case, @Ctx() { loaders }: Context) {
    return loaders.noticesByCase.load(found.id);
  }
}

@Resolver()
export class NoticeResolver {
  @Mutation(() => NoticePayload, {
    description: 'Starts a public notice; INVALID_STATE without the family’s PUBLICITY consent.',
  })
  async startPublicNotice(
    @Arg('input', () => StartPublicNoticeInput) input: StartPublicNoticeInput,
    @Ctx() ctx: Context,
  ) {
    return { notice: await startPublicNotice(ctx, input) };
  }

  @Mutation(() => NoticePayload, { description: 'Records an objection received during the notice period.' })
  async recordObjection(@Arg('input', () => RecordObjectionInput) input: RecordObjectionInput, @Ctx() ctx: Context) {
    return { notice: await recordObjection(ctx, input) };
  }

  @Mutation(() => NoticePayload, { description: 'Closes the notice after its last day; a lead case is DECIDED.' })
  async closePublicNotice(
    @Arg('input', () => ClosePublicNoticeInput) input: ClosePublicNoticeInput,
    @Ctx() ctx: Context,
  ) {
    return { notice: await closePublicNotice(ctx, input) };
  }
}
