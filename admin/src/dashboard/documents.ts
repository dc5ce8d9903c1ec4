import { graphql } from '../graphql/graphql';

const CELL = graphql(`
  fragment DashboardCell on ReportCell {
    keys
    value
    amount
    households
    median
    suppressed
    organisation {
      id
      name
    }
  }
`);

/**
 * Everything the dashboard draws, in one request: the four reporting aggregates of one division's subtree over
 * one period, each cut as its chart needs. No personal data leaves the API; suppressed cells come as such.
 */
export const DASHBOARD = graphql(
  `
    query Dashboard($jurisdictionCode: ID!, $period: ReportPeriodInput!) {
      caseStatistics(jurisdictionCode: $jurisdictionCode, period: $period) {
        period {
          from
          to
        }
        opened(by: [MONTH]) {
          cells {
            ...DashboardCell
          }
        }
        closed(by: [MONTH]) {
          cells {
            ...DashboardCell
          }
        }
      }
      referralStatistics(jurisdictionCode: $jurisdictionCode, period: $period) {
        sent(by: [MONTH]) {
          cells {
            ...DashboardCell
          }
        }
        answeredByMonth: answered(by: [MONTH]) {
          cells {
            ...DashboardCell
          }
        }
        answered(by: [RECEIVING_ORGANISATION, TIMELINESS]) {
          cells {
            ...DashboardCell
          }
        }
      }
      benefitStatistics(jurisdictionCode: $jurisdictionCode, period: $period) {
        granted(by: [PROGRAMME, MONTH]) {
          cells {
            ...DashboardCell
          }
        }
      }
      householdStatistics(jurisdictionCode: $jurisdictionCode, period: $period) {
        households(by: [MONITORING_STATUS, LOW_INCOME_BAND]) {
          cells {
            ...DashboardCell
          }
        }
      }
    }
  `,
  [CELL],
);

/** The programmes' names (those the caller can read): the relief table names a programme by its id only. */
export const PROGRAMME_NAMES = graphql(`
  query DashboardProgrammeNames {
    programmes(first: 100) {
      nodes {
        id
        name
      }
    }
  }
`);

/** A township's monthly ledger as a reporting caller reads it: its state and its suppressed table, no items. */
export const LEDGER = graphql(
  `
    query DashboardLedger($jurisdictionCode: ID!, $kind: LedgerKind!, $month: String!) {
      ledger(jurisdictionCode: $jurisdictionCode, kind: $kind, month: $month) {
        id
        status
        dueDate
        overdue
        table {
          cells {
            ...DashboardCell
          }
        }
      }
    }
  `,
  [CELL],
);

export const LEDGER_EXPORT = graphql(`
  query DashboardLedgerExport($jurisdictionCode: ID!, $kind: LedgerKind!, $month: String!) {
    ledger(jurisdictionCode: $jurisdictionCode, kind: $kind, month: $month) {
      export(format: XLSX) {
        fileName
        mediaType
        contentBase64
      }
    }
  }
`);
