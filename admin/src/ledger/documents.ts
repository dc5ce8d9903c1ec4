import { graphql } from '../graphql/graphql';

export const LEDGER_VIEW = graphql(`
  fragment LedgerView on LedgerType {
    id
    kind
    month
    status
    dueDate
    overdue
    late
    submittedOn
    version
    organisation {
      id
      name
    }
    jurisdiction {
      code
      name
    }
    items(first: 100) {
      totalCount
      nodes {
        itemId
        itemKind
        caseId
        receivedOn
        dueDate
        status
        overdue
        reason
        newDueDate
        outcome
        organisation {
          id
          name
        }
      }
    }
  }
`);

/** An office's (科室) or a township's ledger for a month: live before it is submitted, frozen after. */
export const OWN_LEDGER = graphql(
  `
    query OwnLedger($kind: LedgerKind!, $month: String!, $organisationId: ID, $jurisdictionCode: ID) {
      ledger(kind: $kind, month: $month, organisationId: $organisationId, jurisdictionCode: $jurisdictionCode) {
        ...LedgerView
      }
    }
  `,
  [LEDGER_VIEW],
);

export const OWN_LEDGER_EXPORT = graphql(`
  query OwnLedgerExport($kind: LedgerKind!, $month: String!, $organisationId: ID, $jurisdictionCode: ID) {
    ledger(kind: $kind, month: $month, organisationId: $organisationId, jurisdictionCode: $jurisdictionCode) {
      export(format: XLSX) {
        fileName
        mediaType
        contentBase64
      }
    }
  }
`);

export const SUBMIT_LEDGER = graphql(
  `
    mutation SubmitLedger($input: SubmitLedgerInput!) {
      submitLedger(input: $input) {
        ledger {
          ...LedgerView
        }
      }
    }
  `,
  [LEDGER_VIEW],
);
