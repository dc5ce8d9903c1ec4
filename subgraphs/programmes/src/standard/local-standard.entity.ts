import { Entity, Property, Unique } from '@mikro-orm/postgresql';
import { MutableRecord } from '@doudi/shared';

/**
 * The local standards one jurisdiction publishes for a year. 临社救办发〔2015〕3号 二(一)(二): "最低生活保障标准由市人民
 * 政府确定和公布", "特困人员供养标准由市人民政府确定和公布" — usually the city publishes them and its counties
 * inherit them (see standard.service.ts); a county that publishes its own overrides the city's.
 */
@Entity({ tableName: 'local_standard' })
@Unique({ properties: ['jurisdictionCode', 'year'] })
export class LocalStandard extends MutableRecord {
  @Property({ type: 'string', length: 12 })
  jurisdictionCode: string;

  @Property({ type: 'smallint' })
  year: number;

  /** 城市低保标准, per person and month, in fen. */
  @Property({ type: 'integer' })
  dibaoUrbanMonthlyFen: number;

  /** 农村低保标准, per person and month, in fen. */
  @Property({ type: 'integer' })
  dibaoRuralMonthlyFen: number;

  /** 特困人员基本生活标准, per person and month, in fen. */
  @Property({ type: 'integer', nullable: true })
  tekunMonthlyFen: number | null = null;

  /** 河鱼府发【2021】39号 一: low income is above the dibao line and below 1.5 × it; 1.5 unless published otherwise. */
  @Property({ type: 'smallint' })
  lowIncomeMultiplierPercent: number = 150;

  /** Where the figures were published (文件名称、文号). */
  @Property({ type: 'text', nullable: true })
  publishedIn: string | null = null;
}
