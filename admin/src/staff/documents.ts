import { graphql } from '../graphql/graphql';

export const STAFF_ROW = graphql(`
  fragment StaffRow on StaffAccount {
    id
    username
    displayName
    roles
    deactivatedAt
    lastSignInAt
    createdAt
    version
    organisation {
      id
      name
    }
    jurisdiction {
      code
      name
    }
  }
`);

/** The accounts an administrator manages (their subtree), optionally of one organisation. */
export const STAFF_ACCOUNTS = graphql(
  `
    query StaffAccounts($organisationId: ID, $first: Int, $offset: Int) {
      staffAccounts(organisationId: $organisationId, first: $first, offset: $offset) {
        totalCount
        nodes {
          ...StaffRow
        }
      }
    }
  `,
  [STAFF_ROW],
);

export const CREATE_STAFF_ACCOUNT = graphql(
  `
    mutation CreateStaffAccount($input: CreateStaffAccountInput!) {
      createStaffAccount(input: $input) {
        account {
          ...StaffRow
        }
      }
    }
  `,
  [STAFF_ROW],
);

export const DEACTIVATE_STAFF_ACCOUNT = graphql(
  `
    mutation DeactivateStaffAccount($input: DeactivateInput!) {
      deactivateStaffAccount(input: $input) {
        account {
          ...StaffRow
        }
      }
    }
  `,
  [STAFF_ROW],
);
