import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '@doudi/shared';
import { NoticeOutcome, PublicNotice } from './notice.entity.js';

@InputType({ description: 'Publishes a case’s decision (公示); needs the family’s PUBLICITY consent.' })
export class StartPublicNoticeInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => Int, { description: 'The case version you read; a stale one answers CONFLICT.' })
  version: number;

  @Field(() => DateScalar, { nullable: true, description: 'The first day of the notice; default today.' })
  startsOn?: string;

  @Field(() => Int, { description: 'How many calendar days it runs (1–60).' })
  days: number;

  @Field(() => String, {
    description: 'What is published: keep it to what the work needs (晋检发办字〔2023〕10号 第二十四条).',
  })
  content: string;

  @Field(() => String, { nullable: true, description: 'Send the same key when retrying; the notice starts once.' })
  idempotencyKey?: string;
}

@InputType({ description: 'An objection received during the notice period.' })
export class RecordObjectionInput {
  @Field(() => ID)
  noticeId: string;

  @Field(() => DateScalar, { nullable: true, description: 'Default today; within the notice period.' })
  receivedOn?: string;

  @Field(() => String)
  content: string;

  @Field(() => String, {
    nullable: true,
    description: 'Send the same key when retrying: the objection is recorded once and the retry answers the notice.',
  })
  idempotencyKey?: string;
}

@InputType({ description: 'Closes the notice after its last day with its outcome.' })
export class ClosePublicNoticeInput {
  @Field(() => ID)
  noticeId: string;

  @Field(() => DateScalar, { nullable: true, description: 'Default today; after the last day (endsOn).' })
  closedOn?: string;

  @Field(() => NoticeOutcome)
  outcome: NoticeOutcome;
}

@ObjectType()
export class NoticePayload {
  @Field(() => PublicNotice)
  notice: PublicNotice;
}
