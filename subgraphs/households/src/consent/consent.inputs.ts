import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ConsentPurpose, ConsentRecord } from './consent.entity.js';

@InputType()
export class RecordConsentInput {
  @Field(() => ID)
  householdId: string;

  @Field(() => ID, { description: 'The member who gave the consent (本人或家属).' })
  personId: string;

  @Field(() => ConsentPurpose)
  purpose: ConsentPurpose;

  @Field(() => String, { description: 'What exactly was agreed, e.g. 同意在村务公开栏公示低保审批结果.' })
  scope: string;

  @Field(() => Date, { nullable: true, description: 'When it was given (default: now); not in the future.' })
  givenAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Send the same key when retrying; it is recorded once.' })
  idempotencyKey?: string | null;
}

@ObjectType()
export class RecordConsentPayload {
  @Field(() => ConsentRecord)
  consent: ConsentRecord;
}

@InputType()
export class WithdrawConsentInput {
  @Field(() => ID)
  consentId: string;

  @Field(() => String, { description: 'Why, in the words of the family or the caseworker.' })
  reason: string;

  @Field(() => Date, { nullable: true, description: 'When it was withdrawn (default: now); not in the future.' })
  withdrawnAt?: Date | null;

  @Field(() => Int, { nullable: true, description: 'The version you read; a stale version answers CONFLICT.' })
  version?: number | null;
}

@ObjectType()
export class WithdrawConsentPayload {
  @Field(() => ConsentRecord)
  consent: ConsentRecord;
}
