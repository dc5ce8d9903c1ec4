import type { SubgraphQuery } from '@doudi/shared';

/**
 * What organisations asks the subgraphs that own the year's data, for the joint meeting's annual summary
 * (襄政办发〔2023〕26号 附件1 第九条): cases (cases, referrals, follow-ups) and programmes (relief granted). As the
 * caller: their signed principal passes on, so cases and programmes apply reports:read within the caller's
 * jurisdiction, answer only aggregates, and suppress small cells; organisations never reads their tables.
 */
export interface ReportingCaller {
  services: { cases: SubgraphQuery; programmes: SubgraphQuery };
  assertion: string;
}

/** A cell as the statistics answer it: null figures where suppressed. */
export interface AskedCell {
  keys: (string | null)[];
  value: number | null;
  households: number | null;
  persons?: number | null;
  amount?: string | null;
  median?: number | null;
  suppressed: boolean;
}

const CELL = 'keys value households median suppressed';

export interface CaseYear {
  opened: AskedCell;
  closed: AskedCell;
  followUps: AskedCell;
  sent: AskedCell[];
  answered: AskedCell[];
  declined: AskedCell[];
}

/** The year of cases and referrals of a jurisdiction's subtree, in one call to cases. */
export async function caseYear(ctx: ReportingCaller, jurisdictionCode: string, year: number): Promise<CaseYear> {
  const data = await ctx.services.cases<{
    caseStatistics: { opened: { total: AskedCell }; closed: { total: AskedCell }; followUps: { total: AskedCell } };
    referralStatistics: {
      sent: { cells: AskedCell[] };
      answered: { cells: AskedCell[] };
      declined: { cells: AskedCell[] };
    };
  }>(
    `query($code: ID!, $year: Int!) {
       caseStatistics(jurisdictionCode: $code, period: { year: $year }) {
         opened { total { ${CELL} } } closed { total { ${CELL} } } followUps { total { ${CELL} } } }
       referralStatistics(jurisdictionCode: $code, period: { year: $year }) {
         sent(by: [RECEIVING_ORGANISATION]) { cells { ${CELL} } }
         answered(by: [RECEIVING_ORGANISATION, TIMELINESS]) { cells { ${CELL} } }
         declined(by: [RECEIVING_ORGANISATION]) { cells { ${CELL} } } } }`,
    { code: jurisdictionCode, year },
    ctx.assertion,
  );
  const { caseStatistics: c, referralStatistics: r } = data;
  return {
    opened: c.opened.total,
    closed: c.closed.total,
    followUps: c.followUps.total,
    sent: r.sent.cells,
    answered: r.answered.cells,
    declined: r.declined.cells,
  };
}

/** The relief granted in the year (grants decided, households and persons reached, yuan), in one call to programmes. */
export async function reliefYear(ctx: ReportingCaller, jurisdictionCode: string, year: number): Promise<AskedCell> {
  const data = await ctx.services.programmes<{ benefitStatistics: { granted: { total: AskedCell } } }>(
    `query($code: ID!, $year: Int!) {
       benefitStatistics(jurisdictionCode: $code, period: { year: $year }) {
         granted { total { keys value households persons amount suppressed } } } }`,
    { code: jurisdictionCode, year },
    ctx.assertion,
  );
  return data.benefitStatistics.granted.total;
}
