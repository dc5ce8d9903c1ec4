import { graphql } from '../graphql/graphql';

export const STANDARD_VIEW = graphql(`
  fragment StandardView on LocalStandard {
    id
    year
    version
    dibaoUrbanMonthly
    dibaoRuralMonthly
    tekunMonthly
    lowIncomeMultiplier
    lowIncomeUrbanMonthly
    lowIncomeRuralMonthly
    publishedIn
    publishedBy {
      code
      name
    }
  }
`);

/** The standards in force for a division and year: its own, or those of the nearest division above it. */
export const LOCAL_STANDARD = graphql(
  `
    query LocalStandard($jurisdictionCode: ID!, $year: Int!) {
      localStandard(jurisdictionCode: $jurisdictionCode, year: $year) {
        ...StandardView
      }
    }
  `,
  [STANDARD_VIEW],
);

export const SET_LOCAL_STANDARD = graphql(
  `
    mutation SetLocalStandard($input: SetLocalStandardInput!) {
      setLocalStandard(input: $input) {
        standard {
          ...StandardView
        }
      }
    }
  `,
  [STANDARD_VIEW],
);
