import { graphql } from '../graphql/graphql';

/** One page of cases, with what the row needs to say "overdue" or "due soon" (the same fields the case page reads). */
export const CASES = graphql(`
  query Cases($first: Int, $offset: Int, $filter: CaseFilter, $orderBy: [CaseOrder!]) {
    cases(first: $first, offset: $offset, filter: $filter, orderBy: $orderBy) {
      totalCount
      nodes {
        id
        summary
        channel
        stage
        status
        greenChannel
        receivedOn
        jurisdiction {
          code
          name
        }
        leadOrganisation {
          id
          name
        }
        tasks {
          id
          overdue
          atRisk
        }
        followUps {
          id
          overdue
        }
        referrals(first: 100) {
          nodes {
            id
            overdue
            atRisk
          }
        }
      }
    }
  }
`);

export const REFERRAL_FIELDS = graphql(`
  fragment CaseReferral on Referral {
    id
    version
    kind
    status
    sentOn
    dueDate
    dueDateWarning
    overdue
    atRisk
    early
    emergency
    note
    requestedMeasures
    acceptedOn
    concludedOn
    answeredOn
    measuresTaken
    refusalReason
    confidentialNote
    declinedOn
    declineReason
    declineExplanation
    forwardedOn
    forwardReason
    receiptOn
    fromOrganisation {
      id
      name
    }
    toOrganisation {
      id
      name
      kind
    }
  }
`);

/** Everything the case page shows and the steps it offers depend on. */
export const CASE = graphql(
  `
    query Case($id: ID!) {
      case(id: $id) {
        id
        version
        summary
        channel
        stage
        status
        atWindow
        greenChannel
        greenChannelReasons {
          group
          source
        }
        receivedOn
        openedAt
        responsiblePerson
        reviewedOn
        reviewConclusion
        concludedOn
        closedOn
        closeReason
        jurisdiction {
          code
          name
        }
        leadOrganisation {
          id
          name
        }
        windowOrganisation {
          id
          name
        }
        officeOrganisation {
          id
          name
        }
        originOrganisation {
          id
          name
        }
        firstQuestionOrganisation {
          id
          name
        }
        tasks {
          id
          kind
          status
          dueDate
          dueDateWarning
          completedOn
          overdue
          atRisk
          organisation {
            id
            name
          }
        }
        referrals(first: 100) {
          totalCount
          nodes {
            ...CaseReferral
          }
        }
        visits {
          id
          visitedOn
          note
          referralRequested
          requestedKinds
          visitorOrganisations {
            id
            name
          }
          findings {
            area
            situation
            needsHelp
            withheld
          }
        }
        followUps {
          id
          dueOn
          visitedOn
          outcome
          needsMoreHelp
          overdue
          organisation {
            id
            name
          }
        }
        notices {
          id
          startsOn
          endsOn
          days
          content
          outcome
          closedOn
          objections {
            receivedOn
            content
          }
        }
        timeline {
          id
          at
          on
          kind
          summary
          actorOrganisation {
            id
            name
          }
        }
      }
    }
  `,
  [REFERRAL_FIELDS],
);

/** The family, as households answers the caller: ID numbers come masked; unreadable, the page says so. */
export const CASE_HOUSEHOLD = graphql(`
  query CaseHousehold($id: ID!) {
    case(id: $id) {
      id
      household {
        id
        address
        members(first: 20) {
          totalCount
          nodes {
            id
            name
            relationshipToHead
            idNumber
          }
        }
      }
    }
  }
`);

/** Households of a division, for opening a case (masked as the API answers). */
export const HOUSEHOLDS = graphql(`
  query CaseHouseholds($filter: HouseholdFilter, $first: Int) {
    households(filter: $filter, first: $first) {
      nodes {
        id
        address
        members(first: 1) {
          nodes {
            id
            name
            idNumber
          }
        }
      }
    }
  }
`);

/** Organisations a case may be referred to (the case's county and below). */
export const ORGANISATIONS = graphql(`
  query CaseOrganisations($filter: OrganisationFilter, $first: Int) {
    organisations(filter: $filter, first: $first) {
      nodes {
        id
        name
        kind
      }
    }
  }
`);

export const OPEN_CASE = graphql(`
  mutation OpenCase($input: OpenCaseInput!) {
    openCase(input: $input) {
      case {
        id
      }
    }
  }
`);
