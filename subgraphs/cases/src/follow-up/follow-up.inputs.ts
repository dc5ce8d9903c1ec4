import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateScalar } from '@doudi/shared';
import { FollowUp } from './follow-up.entity.js';

@InputType({
  description:
    'Arranges a follow-up visit by an organisation (襄政办发〔2023〕26号 七(六), 晋检发办字〔2023〕10号 第二十五条).',
})
export class ScheduleFollowUpInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => ID, { description: 'Who visits; it takes part in the case from now on.' })
  organisationId: string;

  @Field(() => DateScalar)
  dueOn: string;

  @Field(() => String, { nullable: true, description: 'Send the same key when retrying; it is arranged once.' })
  idempotencyKey?: string;
}

@InputType()
export class RecordFollowUpInput {
  @Field(() => ID)
  followUpId: string;

  @Field(() => DateScalar, { nullable: true, description: 'Default today, never in the future.' })
  visitedOn?: string;

  @Field(() => String, { description: 'How the help is working out.' })
  outcome: string;

  @Field(() => Boolean)
  needsMoreHelp: boolean;
}

@ObjectType()
export class FollowUpPayload {
  @Field(() => FollowUp)
  followUp: FollowUp;
}
