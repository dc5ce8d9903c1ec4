import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '@doudi/shared';
import { LedgerKind } from './ledger.entity.js';

@InputType({
  description:
    'Why an item is still open and by when it will be concluded (河鱼府发【2021】39号 二(四): 未办结的，说明情况，限时办结).',
})
export class OpenItemExplanationInput {
  @Field(() => ID, { description: 'The item: a case (a lead assigned) or a referral received (LedgerItem.itemId).' })
  itemId: string;

  @Field(() => String, { description: 'Why it is not concluded yet (说明情况), at most 2,000 characters.' })
  reason: string;

  @Field(() => DateScalar, { description: 'The new time limit (限时办结): today or later.' })
  newDueDate: string;
}

@InputType({ description: 'Submits a monthly ledger of 河鱼府发【2021】39号 二(四); once submitted it is frozen.' })
export class SubmitLedgerInput {
  @Field(() => LedgerKind)
  kind: LedgerKind;

  @Field(() => String, { description: 'The month reported, YYYY-MM: this month or an earlier one.' })
  month: string;

  @Field(() => ID, { nullable: true, description: 'OFFICE: the office (科室) whose ledger it is.' })
  organisationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'TOWNSHIP, TOWNSHIP_SUMMARY: the township’s division code.' })
  jurisdictionCode?: string | null;

  @Field(() => [OpenItemExplanationInput], {
    defaultValue: [],
    description:
      'A reason and a new time limit for open items. OFFICE and TOWNSHIP_SUMMARY: every open item needs one (a ' +
      'township’s items take the office’s explanation when it gave one); TOWNSHIP: optional.',
  })
  openItems: OpenItemExplanationInput[];

  @Field(() => String, {
    nullable: true,
    description: 'Makes a retry safe: the same key and input answer the first submission again.',
  })
  idempotencyKey?: string | null;
}

@InputType({
  description: 'Corrects a submitted ledger: a new revision, read again from the cases, with who and why (更正).',
})
export class CorrectLedgerInput {
  @Field(() => ID)
  ledgerId: string;

  @Field(() => Int, { description: 'The version read (Ledger.version); a stale one answers CONFLICT.' })
  version: number;

  @Field(() => String, { description: 'Why the ledger is corrected (更正原因), at most 2,000 characters.' })
  reason: string;

  @Field(() => [OpenItemExplanationInput], {
    defaultValue: [],
    description: 'Explanations to change or add; those of the revision corrected stay for items still open.',
  })
  openItems: OpenItemExplanationInput[];

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}
