import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType, DateScalar, newId } from '@doudi/shared';
import {
  AnswerChannel,
  ComplaintChannel,
  ComplaintFinding,
  ComplaintKind,
  ComplaintStatus,
} from './complaint.enums.js';

@Entity({ tableName: 'complaint' })
@ObjectType({
  description:
    'A complaint or clue to the supervision hotline (监督举报, 临社救办发〔2015〕3号 二(一); 周政办字〔2017〕70号 六(三)): ' +
    'verified and answered, 件件有核实、事事有回音. Who complained is sealed and never shown to those complained about.',
})
export class Complaint {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = newId();

  @Property({ type: 'text' })
  @Unique()
  @Field(() => String, { description: 'The reference the complainant is given, e.g. JB141023-2026-00001.' })
  referenceNumber: string;

  @Property({ type: 'varchar', length: 12, index: true })
  jurisdictionCode: string;

  @Property({ type: 'text' })
  @Field(() => ComplaintChannel)
  channel: ComplaintChannel;

  @Property({ type: 'text' })
  @Field(() => ComplaintKind)
  kind: ComplaintKind;

  @Property({ type: 'date' })
  @Field(() => DateScalar)
  receivedOn: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'What the complainant reported.' })
  summary: string;

  @Property({ type: 'uuid', nullable: true, index: true })
  concernedCaseId: string | null = null;

  @Property({ type: 'uuid', nullable: true, index: true })
  @Field(() => ID, { nullable: true, description: 'The benefit (programmes) the complaint is about, if any.' })
  concernedBenefitId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  concernedOrganisationId: string | null = null;

  @Property({ type: 'boolean' })
  @Field(() => Boolean)
  anonymous: boolean;

  /** Sealed with the personal-data key; read only through `complainant` and revealComplainant. */
  @Property({ type: 'text', nullable: true })
  complainantNameSealed: string | null = null;

  @Property({ type: 'text', nullable: true })
  complainantPhoneSealed: string | null = null;

  @Property({ type: 'uuid' })
  receivedByOrganisationId: string;

  @Property({ type: 'uuid', nullable: true })
  receivedById: string | null = null;

  @Property({ type: 'text', index: true })
  @Field(() => ComplaintStatus)
  status: ComplaintStatus = ComplaintStatus.RECEIVED;

  @Property({ type: 'uuid', nullable: true, index: true })
  verifierOrganisationId: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  assignedOn: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, {
    nullable: true,
    description: 'When the finding is due (COMPLAINT_VERIFICATION, the county’s time limit).',
  })
  dueDate: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the due date may be wrong (e.g. a seed figure).' })
  dueDateWarning: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => ComplaintFinding, { nullable: true })
  finding: ComplaintFinding | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'What the verification established.' })
  findingText: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  verifiedOn: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  answeredOn: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => AnswerChannel, { nullable: true })
  answerChannel: AnswerChannel | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The answer given to the complainant (回音).' })
  answerText: string | null = null;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: 'Whether the answer opened a review of the benefit or case concerned.' })
  reviewOpened: boolean = false;

  @Property({ type: 'integer', version: true })
  @Field(() => Int)
  version: number = 1;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date = new Date();
}

@ObjectType()
export class ComplaintConnection extends ConnectionType(Complaint) {}

/** The last reference number given per jurisdiction and year. */
@Entity({ tableName: 'complaint_number' })
export class ComplaintNumber {
  @PrimaryKey({ type: 'varchar', length: 12 })
  jurisdictionCode: string;

  @PrimaryKey({ type: 'int' })
  year: number;

  @Property({ type: 'int' })
  last: number;
}
