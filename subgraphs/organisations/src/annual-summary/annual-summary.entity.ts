import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { newId } from '@doudi/shared';
import { JointMeeting, JointMeetingSession } from '../joint-meeting/joint-meeting.entity.js';
import type { AnnualFigures, MemberReportStatus } from './annual-summary.figures.js';

/**
 * A joint meeting's annual summary once approved (襄政办发〔2023〕26号 附件1 第九条: 汇总形成…总体工作情况，经联席会议
 * 审议通过后…报告): the figures and the members' reports as they stood, frozen; read-only from then on. Before
 * approval there is no row: the summary is computed afresh each time it is read.
 */
@Entity({ tableName: 'annual_summary' })
@Unique({ properties: ['meetingId', 'year'] })
export class AnnualSummary {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne({ entity: () => JointMeeting, mapToPk: true, fieldName: 'meeting_id', index: true })
  meetingId: string;

  @Property({ type: 'integer' })
  year: number;

  /** The session that approved it (审议通过). */
  @ManyToOne({ entity: () => JointMeetingSession, mapToPk: true, fieldName: 'session_id' })
  sessionId: string;

  @Property({ type: 'datetime' })
  approvedAt: Date = new Date();

  /** The person who recorded the approval (staff account, or the person behind the app). */
  @Property({ type: 'uuid', nullable: true })
  approvedBy: string | null = null;

  @Property({ type: 'json' })
  figures: AnnualFigures;

  @Property({ type: 'json' })
  memberReports: MemberReportStatus[];
}
