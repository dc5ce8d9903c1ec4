import { graphql } from '../graphql/graphql';

const BENEFIT_ROW = graphql(`
  fragment BenefitRow on Benefit {
    id
    version
    status
    amount
    grantedOn
    year
    approvalLevel
    collectiveReviewRequired
    filingRequired
    staffRelation
    decidedOn
    noticeEndsOn
    jurisdictionCode
    programme {
      id
      name
      kind
    }
    household {
      id
      jurisdiction {
        name
      }
      members(first: 1) {
        nodes {
          name
        }
      }
    }
    person {
      id
      name
    }
    capsLeft {
      perHouseholdPerYear
      perPersonPerYear
    }
  }
`);

export const BENEFITS = graphql(
  `
    query ApprovalBenefits($first: Int, $offset: Int, $filter: BenefitFilter, $orderBy: [BenefitOrder!]) {
      benefits(first: $first, offset: $offset, filter: $filter, orderBy: $orderBy) {
        totalCount
        nodes {
          ...BenefitRow
        }
      }
    }
  `,
  [BENEFIT_ROW],
);

export const BENEFIT = graphql(
  `
    query ApprovalBenefit($id: ID!) {
      benefit(id: $id) {
        ...BenefitRow
        note
        amountSource
        decisionNote
        collectiveReviewOn
        collectiveReviewReference
        proposedById
        settings {
          publicNoticeDays
          caps {
            perGrant
            perPersonPerYear
            perHouseholdPerYear
          }
        }
        objections {
          id
          version
          objection
          receivedOn
          upheld
          resolution
          resolvedOn
        }
        household {
          id
          eligibility {
            outcome
            missing
            programme {
              id
            }
            clauses {
              expression
              result
              missing
              error
            }
          }
        }
      }
    }
  `,
  [BENEFIT_ROW],
);

const DECIDED = graphql(`
  fragment Decided on Benefit {
    id
    version
    status
    noticeEndsOn
    decidedOn
  }
`);

export const APPROVE = graphql(
  `
    mutation ApproveBenefit($input: DecideBenefitInput!) {
      approveBenefit(input: $input) {
        benefit {
          ...Decided
        }
      }
    }
  `,
  [DECIDED],
);

export const REJECT = graphql(
  `
    mutation RejectBenefit($input: DecideBenefitInput!) {
      rejectBenefit(input: $input) {
        benefit {
          ...Decided
        }
      }
    }
  `,
  [DECIDED],
);

export const OBJECT = graphql(`
  mutation ObjectToBenefit($input: ObjectToBenefitInput!) {
    objectToBenefit(input: $input) {
      objection {
        id
      }
    }
  }
`);

export const RESOLVE = graphql(`
  mutation ResolveObjection($input: ResolveObjectionInput!) {
    resolveObjection(input: $input) {
      objection {
        id
      }
    }
  }
`);
