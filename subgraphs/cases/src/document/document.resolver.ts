import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CaseDocument } from './document.entity.js';
import { AttachCaseMaterialInput, CaseDocumentPayload, GenerateCaseDocumentInput } from './document.inputs.js';
import {
  attachCaseMaterial,
  contentOf,
  generateCaseDocument,
  mayRead,
  readable,
  visibleDocument,
} from './document.service.js';
import { Case } from '../case/case.entity.js';
import { Referral } from '../referral/referral.entity.js';
import { canSeeCase } from '../case/case.access.js';
import { OrganisationRef, optionalOrganisation } from '../organisation/organisation.ref.js';
import type { Context } from '../context.js';

/** The gateway's download route (gateway/src/documents.ts), relative to the gateway's address. */
export const DOWNLOAD_PATH = '/documents/';
/** contentBase64 answers documents up to this size; larger ones are downloaded. */
export const INLINE_CONTENT_MAX_BYTES = 1024 * 1024;

@Resolver(() => Case)
export class CaseDocumentsResolver {
  @FieldResolver(() => [CaseDocument], {
    description:
      'The case’s letters and attached materials, oldest first, as far as you may read them (a referral’s go with ' +
      'the referral; health facts with households:read-sensitive).',
  })
  async documents(@Root() found: Case, @Ctx() ctx: Context) {
    return readable(ctx, await ctx.loaders.documentsByCase.load(found.id));
  }
}

@Resolver(() => Referral)
export class ReferralDocumentsResolver {
  @FieldResolver(() => [CaseDocument], {
    description: 'The referral’s push letter, written answer (with its copies, 抄送) and attached materials.',
  })
  async documents(@Root() referral: Referral, @Ctx() ctx: Context) {
    return readable(ctx, await ctx.loaders.documentsByReferral.load(referral.id));
  }
}

@Resolver(() => CaseDocument)
export class CaseDocumentResolver {
  @Query(() => CaseDocument, {
    description:
      'One document, for those who may read that part of its case (and an answer’s copies); NOT_FOUND otherwise.',
  })
  caseDocument(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return visibleDocument(ctx, id);
  }

  @Mutation(() => CaseDocumentPayload, {
    description:
      'Generates a letter of 襄政办发〔2023〕26号 as PDF from the case (附件2 走访函, 附件3 救助信息推送申请, 附件4 推送函, ' +
      '附件5 走访记录) or a referral’s written answer (七(五) 书面函复, copied to the station and the original handling ' +
      'unit, who may then read it). Numbered (文号) per issuing organisation and year; issued once per kind and case, ' +
      'visit or referral (again: the same document). The push letter shows the issuing bureau and where its seal goes: ' +
      'the seal itself is applied on paper or by the bureau’s e-seal system, never imitated here. INVALID_STATE for a ' +
      'closed (archived) case or an unanswered referral; SERVICE_UNAVAILABLE when no CJK font is installed.',
  })
  async generateCaseDocument(
    @Arg('input', () => GenerateCaseDocumentInput) input: GenerateCaseDocumentInput,
    @Ctx() ctx: Context,
  ) {
    return { document: await generateCaseDocument(ctx, input) };
  }

  @Mutation(() => CaseDocumentPayload, {
    description:
      'Attaches a scan of a sealed letter, a certificate or other material to a case or a referral: PDF, JPEG or PNG ' +
      'as its bytes say, at most DOCUMENT_MAX_UPLOAD_BYTES (LIMIT_EXCEEDED), a PDF without active content ' +
      '(BAD_USER_INPUT); INVALID_STATE once the case is closed and archived (归档).',
  })
  async attachCaseMaterial(
    @Arg('input', () => AttachCaseMaterialInput) input: AttachCaseMaterialInput,
    @Ctx() ctx: Context,
  ) {
    return { document: await attachCaseMaterial(ctx, input) };
  }

  @FieldResolver(() => String, {
    description:
      'Where the gateway answers the file: GET it with the same Authorization header as /graphql (relative to the gateway).',
  })
  downloadUrl(@Root() document: CaseDocument): string {
    return `${DOWNLOAD_PATH}${document.id}`;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The file in base64 for documents up to 1 MB (null above: use downloadUrl).',
  })
  async contentBase64(@Root() document: CaseDocument, @Ctx() ctx: Context) {
    if (document.byteLength > INLINE_CONTENT_MAX_BYTES || !(await mayRead(ctx, document))) return null;
    return (await contentOf(ctx.em, document)).toString('base64');
  }

  @FieldResolver(() => OrganisationRef, {
    nullable: true,
    description: 'The organisation a letter is issued by, or that uploaded it.',
  })
  issuingOrganisation(@Root() document: CaseDocument) {
    return optionalOrganisation(document.issuingOrganisationId);
  }

  @FieldResolver(() => [OrganisationRef], { description: 'The answer’s copies (抄送): they read this document.' })
  copiedTo(@Root() document: CaseDocument) {
    return document.copiedToOrganisationIds.map((id) => optionalOrganisation(id)!);
  }

  @FieldResolver(() => Referral, { nullable: true, description: 'The referral it belongs to.' })
  referral(@Root() document: CaseDocument, @Ctx() { loaders }: Context) {
    return document.referralId ? loaders.referral.load(document.referralId) : null;
  }

  @FieldResolver(() => Case, {
    nullable: true,
    description: 'The case; null when you read only this document (a copy).',
  })
  async case(@Root() document: CaseDocument, @Ctx() ctx: Context) {
    const found = await ctx.loaders.case.load(document.caseId);
    return found && (await canSeeCase(ctx.principal, found, ctx.loaders)) ? found : null;
  }
}
