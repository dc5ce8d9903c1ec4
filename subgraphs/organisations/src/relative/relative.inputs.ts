import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { CloseRelationship, CloseRelativeDeclaration } from './relative.entity.js';

@InputType({ description: 'For a village committee member who has no account: their committee and name.' })
export class CommitteeMemberInput {
  @Field(() => ID, { description: 'The village committee (VILLAGE_COMMITTEE) the member serves on.' })
  organisationId: string;

  @Field(() => String)
  name: string;
}

@InputType()
export class DeclareCloseRelativeInput {
  @Field(() => String)
  relativeName: string;

  @Field(() => String, { description: 'The relative’s 18-character ID number (checked, then sealed).' })
  idNumber: string;

  @Field(() => CloseRelationship)
  relationship: CloseRelationship;

  @Field(() => CommitteeMemberInput, {
    nullable: true,
    description: 'Declared for a village committee member without an account; omit to declare your own relative.',
  })
  committeeMember?: CommitteeMemberInput;

  @Field(() => String, { nullable: true, description: 'Send the same key when retrying; declared once.' })
  idempotencyKey?: string;
}

@InputType()
export class WithdrawCloseRelativeDeclarationInput {
  @Field(() => ID)
  declarationId: string;

  @Field(() => String)
  reason: string;
}

@ObjectType()
export class CloseRelativePayload {
  @Field(() => CloseRelativeDeclaration)
  declaration: CloseRelativeDeclaration;
}
