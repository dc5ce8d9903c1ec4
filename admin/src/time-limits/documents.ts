import { graphql } from '../graphql/graphql';

export const DEADLINE_VIEW = graphql(`
  fragment DeadlineView on Deadline {
    rule
    amount
    unit
    setBy
    defaultAmount
    defaultSource
  }
`);

/** Every time limit in force in a division: its own, the nearest division's above it, or the regulation's. */
export const DEADLINES = graphql(
  `
    query Deadlines($jurisdictionCode: ID!) {
      deadlines(jurisdictionCode: $jurisdictionCode) {
        ...DeadlineView
      }
    }
  `,
  [DEADLINE_VIEW],
);

export const SET_DEADLINE = graphql(
  `
    mutation SetDeadline($input: SetDeadlineInput!) {
      setDeadline(input: $input) {
        ...DeadlineView
      }
    }
  `,
  [DEADLINE_VIEW],
);
