import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '@doudi/shared';
import {
  buildTable,
  childDivisionSql,
  cubeRows,
  cubeSelect,
  type Period,
  type ReportScope,
  type ReportTableValue,
} from '@doudi/shared/reporting/index';
import { BenefitStatus } from '../benefit/benefit-status.js';
import { BenefitDimension } from './statistics.types.js';

/**
 * The statistics of the benefits ledger: each table one SQL statement (GROUP BY CUBE), whatever the number of rows
 * (test/reporting-statements.test.ts counts them). A subtree is a range of codes a btree index serves.
 */
const subtree = (column: string) => `${column} between ? and ?`;
const subtreeBindings = (scope: ReportScope) => [scope.prefix.padEnd(12, '0'), scope.prefix.padEnd(12, '9')];

/** Grants decided: what a ledger shows as granted (not proposals waiting, not refusals). */
export const GRANTED: readonly BenefitStatus[] = [
  BenefitStatus.APPROVED,
  BenefitStatus.IN_NOTICE,
  BenefitStatus.ACTIVE,
  BenefitStatus.ENDED,
];

async function run(em: EntityManager, sql: string, bindings: (string | number)[]) {
  return cubeRows((await em.getKnex().raw(sql, bindings)).rows as Record<string, unknown>[]);
}

function expressions(by: BenefitDimension[], scope: ReportScope, allowed: Partial<Record<BenefitDimension, string>>) {
  return by.map((d) => {
    const e = allowed[d];
    if (!e) throw badInput('by', `${d} does not apply to this table`);
    return e;
  });
}

/**
 * Benefits decided in the period with the given statuses: their count, the households and persons (individual
 * grants) they reach, and the yuan granted. `filedOnly`: those to staff or their relatives, filed for oversight
 * (备案, 临社救办发〔2015〕3号 二(一)).
 */
export async function benefitTable(
  em: EntityManager,
  scope: ReportScope,
  period: Period,
  by: BenefitDimension[],
  statuses: readonly BenefitStatus[],
  filedOnly: boolean,
): Promise<ReportTableValue> {
  const { keys, groupBy } = cubeSelect(
    expressions(by, scope, {
      [BenefitDimension.PROGRAMME_KIND]: 'p.kind',
      [BenefitDimension.PROGRAMME]: 'b.programme_id',
      [BenefitDimension.STATUS]: 'b.status',
      [BenefitDimension.APPROVAL_LEVEL]: 'b.approval_level',
      [BenefitDimension.JURISDICTION]: childDivisionSql('b.jurisdiction_code', scope),
      [BenefitDimension.MONTH]: `to_char(b.granted_on, 'YYYY-MM')`,
      [BenefitDimension.STAFF_RELATION]: 'b.staff_relation',
    }),
  );
  const rows = await run(
    em,
    `select ${keys}, count(*) as value, count(distinct b.household_id) as households,
       count(distinct b.person_id) as persons, sum(b.amount_fen) as amount_fen
     from benefit b join programme p on p.id = b.programme_id
     where ${subtree('b.jurisdiction_code')} and b.granted_on between ? and ? and b.status = any(?::text[])
       ${filedOnly ? `and b.staff_relation <> 'NONE'` : ''}
     ${groupBy}`,
    // An array literal: knex would spread a JS array into a list of parameters.
    [...subtreeBindings(scope), period.from, period.to, `{${statuses.join(',')}}`],
  );
  return buildTable(by, rows);
}

/**
 * Households and persons whose grants of a calendar year under one programme reached its yearly cap (临社救办发〔2015〕3号
 * 二(八): at most 5,000 yuan per person and 10,000 per household a year), for the years the period touches. Counted
 * against the cap each grant was decided under; everything not refused counts, as the cap check counts it.
 */
export async function capsReachedTable(
  em: EntityManager,
  scope: ReportScope,
  period: Period,
  by: BenefitDimension[],
): Promise<ReportTableValue> {
  const { keys, groupBy } = cubeSelect(
    expressions(by, scope, {
      [BenefitDimension.PROGRAMME_KIND]: 'p.kind',
      [BenefitDimension.PROGRAMME]: 't.programme_id',
      [BenefitDimension.JURISDICTION]: childDivisionSql('t.jurisdiction_code', scope),
      [BenefitDimension.CAP]: 't.cap',
    }),
  );
  const totals = (cap: string, who: string, field: string) =>
    `select '${cap}' as cap, b.programme_id, b.household_id, ${who} as person_id, min(b.jurisdiction_code) as jurisdiction_code,
       sum(b.amount_fen) as total, min((b.settings -> 'caps' ->> '${field}')::bigint) as cap_fen
     from benefit b
     where ${subtree('b.jurisdiction_code')} and b.year between ? and ? and b.status <> 'REJECTED'
       and ${who === 'null' ? 'true' : 'b.person_id is not null'}
     group by b.programme_id, b.household_id, b.year${who === 'null' ? '' : ', b.person_id'}`;
  const years = [Number(period.from.slice(0, 4)), Number(period.to.slice(0, 4))];
  const rows = await run(
    em,
    `with totals as (${totals('PER_HOUSEHOLD_PER_YEAR', 'null', 'perHouseholdYearFen')}
       union all ${totals('PER_PERSON_PER_YEAR', 'b.person_id', 'perPersonYearFen')})
     select ${keys}, count(*) as value, count(distinct t.household_id) as households,
       count(distinct t.person_id) as persons
     from totals t join programme p on p.id = t.programme_id
     where t.cap_fen is not null and t.total >= t.cap_fen
     ${groupBy}`,
    [...subtreeBindings(scope), ...years, ...subtreeBindings(scope), ...years],
  );
  return buildTable(by, rows);
}
