import { graphql } from '../graphql/graphql';

/** An organisation's staff accounts and apps (first 100 each), for its page. */
export const ORGANISATION_ACCESS = graphql(`
  query OrganisationAccess($organisationId: ID!) {
    staffAccounts(organisationId: $organisationId, first: 100) {
      totalCount
      nodes {
        id
        username
        displayName
        roles
        deactivatedAt
      }
    }
    organisation(id: $organisationId) {
      id
      apiClients(first: 100) {
        totalCount
        nodes {
          id
          name
          scopes
          deactivatedAt
        }
      }
    }
  }
`);
