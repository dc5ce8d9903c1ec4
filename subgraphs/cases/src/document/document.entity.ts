import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { newId } from '@doudi/shared';

/** What a case document is: a letter generated from the case, or material attached to it. */
export enum CaseDocumentKind {
  /** 襄政办发〔2023〕26号 附件2 山西省公安机关社会救助走访函: the handling unit to the family's hukou-county police (七(一)). */
  VISIT_LETTER = 'VISIT_LETTER',
  /** 附件3 救助信息推送申请: the family's own request that its information be pushed (七(二)). */
  REFERRAL_REQUEST = 'REFERRAL_REQUEST',
  /** 附件4 山西省公安机关办理非正常死亡案（事）件社会救助信息推送函: the lead department to an agency (七(三)). */
  PUSH_LETTER = 'PUSH_LETTER',
  /** 附件5 走访记录: the station's and village committee's written record of the visit (七(二)). */
  VISIT_RECORD = 'VISIT_RECORD',
  /** 七(五) 书面函复: the agency's written answer to a referral, with its copies (抄送). */
  ANSWER_LETTER = 'ANSWER_LETTER',
  /** Uploaded: a scan of a letter signed and sealed on paper. */
  SEALED_LETTER_SCAN = 'SEALED_LETTER_SCAN',
  /** Uploaded: a certificate (disability, death, hukou, income …). */
  CERTIFICATE = 'CERTIFICATE',
  /** Uploaded: any other case material (晋检发办字〔2023〕10号 第九条 案件材料). */
  OTHER_MATERIAL = 'OTHER_MATERIAL',
}
registerEnumType(CaseDocumentKind, {
  name: 'CaseDocumentKind',
  valuesConfig: {
    VISIT_LETTER: { description: '走访函 (襄政办发〔2023〕26号 附件2), generated' },
    REFERRAL_REQUEST: { description: '救助信息推送申请 (附件3), generated' },
    PUSH_LETTER: { description: '推送函 (附件4), generated; sealed on paper or by the bureau’s e-seal system' },
    VISIT_RECORD: { description: '走访记录 (附件5), generated' },
    ANSWER_LETTER: {
      description: '书面函复 of a referral (七(五)), generated, copied to the station and the handling unit',
    },
    SEALED_LETTER_SCAN: { description: 'Uploaded scan of a sealed letter' },
    CERTIFICATE: { description: 'Uploaded certificate' },
    OTHER_MATERIAL: { description: 'Uploaded case material' },
  },
});

export const GENERATED_KINDS: readonly CaseDocumentKind[] = [
  CaseDocumentKind.VISIT_LETTER,
  CaseDocumentKind.REFERRAL_REQUEST,
  CaseDocumentKind.PUSH_LETTER,
  CaseDocumentKind.VISIT_RECORD,
  CaseDocumentKind.ANSWER_LETTER,
];
export const UPLOADED_KINDS: readonly CaseDocumentKind[] = [
  CaseDocumentKind.SEALED_LETTER_SCAN,
  CaseDocumentKind.CERTIFICATE,
  CaseDocumentKind.OTHER_MATERIAL,
];

/**
 * A document of a case: a letter of 襄政办发〔2023〕26号 generated as PDF, or an uploaded material, stored with the case
 * (bytea) and archived (归档) with it (晋检发办字〔2023〕10号 第二十四条). The content is read through the gateway's
 * download route or `contentBase64`, never listed.
 */
@Entity({ tableName: 'case_document' })
@Index({ properties: ['caseId', 'createdAt'] })
@ObjectType({ description: 'A letter generated from a case, or material attached to it (PDF, JPEG or PNG).' })
export class CaseDocument {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = newId();

  @Property({ type: 'uuid' })
  caseId: string;

  @Property({ type: 'uuid', nullable: true, index: true })
  referralId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  visitId: string | null = null;

  @Property({ type: 'text' })
  @Field(() => CaseDocumentKind)
  kind: CaseDocumentKind;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'A letter’s title (走访函 …) or the uploaded file’s description.' })
  title: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'A generated letter’s number (文号), e.g. 救推〔2026〕3号: per issuing organisation and year.',
  })
  documentNumber: string | null = null;

  /** The organisation the letter is issued by (落款), or that uploaded the material. */
  @Property({ type: 'uuid', nullable: true })
  issuingOrganisationId: string | null = null;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'The file name, sanitised (no path, no control characters).' })
  fileName: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'application/pdf, image/jpeg or image/png, as the bytes say.' })
  mediaType: string;

  @Property({ type: 'integer' })
  @Field(() => Int)
  byteLength: number;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'SHA-256 of the content, hex.' })
  sha256: string;

  @Property({ type: 'blob', lazy: true })
  content: Buffer;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: 'Generated here (true) or uploaded (false).' })
  generated: boolean;

  /**
   * Holds health facts (a visit record's medical or mental-health findings): read only by those who may read the case's
   * sensitive facts, and by the organisation that made it.
   */
  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: 'Holds health facts: readable only with households:read-sensitive.' })
  sensitive: boolean = false;

  /** 七(五): the answer's copies (抄送) — the station and the original handling unit read it though not in the case. */
  @Property({ type: 'text[]' })
  copiedToOrganisationIds: string[] = [];

  @Property({ type: 'text' })
  createdById: string;

  @Property({ type: 'uuid', nullable: true })
  createdByOrganisationId: string | null = null;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: 'When the case was closed and its documents archived (归档): read-only, no attachment added after.',
  })
  archivedAt: Date | null = null;
}

/** The next 文号 of an organisation in a year: one row per (organisation, year), incremented under its row lock. */
@Entity({ tableName: 'document_number_counter' })
export class DocumentNumberCounter {
  @PrimaryKey({ type: 'uuid' })
  organisationId: string;

  @PrimaryKey({ type: 'integer' })
  year: number;

  @Property({ type: 'integer' })
  last: number = 0;
}
