import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { CaseDocument, CaseDocumentKind } from './document.entity.js';

@InputType({
  description: 'Generate one of the letters of 襄政办发〔2023〕26号 (附件2–5) or a referral’s written answer (七(五)).',
})
export class GenerateCaseDocumentInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => CaseDocumentKind, {
    description:
      'VISIT_LETTER (附件2), REFERRAL_REQUEST (附件3, needs visitId), PUSH_LETTER (附件4, needs referralId), ' +
      'VISIT_RECORD (附件5, needs visitId) or ANSWER_LETTER (七(五), needs an answered or declined referralId).',
  })
  kind: CaseDocumentKind;

  @Field(() => ID, { nullable: true })
  referralId?: string | null;

  @Field(() => ID, { nullable: true })
  visitId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why the family’s personal data is put in the letter; written to the audit log (a default names the form).',
  })
  purpose?: string | null;

  @Field(() => String, { nullable: true, description: 'The same key again answers the first document.' })
  idempotencyKey?: string | null;
}

@InputType({
  description: 'Attach an uploaded material (PDF, JPEG or PNG, at most 10 MB by default) to a case or a referral.',
})
export class AttachCaseMaterialInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => ID, { nullable: true, description: 'Attach it to this referral of the case (read with the referral).' })
  referralId?: string | null;

  @Field(() => CaseDocumentKind, { description: 'SEALED_LETTER_SCAN, CERTIFICATE or OTHER_MATERIAL.' })
  kind: CaseDocumentKind;

  @Field(() => String, {
    description: 'The original file name; stored sanitised, with the extension of the type found.',
  })
  fileName: string;

  @Field(() => String, { nullable: true, description: 'What it is, in words (at most 200 characters).' })
  description?: string | null;

  @Field(() => String, {
    description:
      'The file, base64. Its type is decided by its bytes (PDF, JPEG, PNG); a PDF with active content is refused. ' +
      'Over about 700 KB send it to the gateway’s /graphql/import route, which accepts large bodies.',
  })
  contentBase64: string;

  @Field(() => String, { nullable: true, description: 'The same key again answers the first document.' })
  idempotencyKey?: string | null;
}

@ObjectType()
export class CaseDocumentPayload {
  @Field(() => CaseDocument)
  document: CaseDocument;
}
