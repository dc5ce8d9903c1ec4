import { graphql } from '../graphql/graphql';

export const CLIENT_ROW = graphql(`
  fragment ClientRow on ApiClient {
    id
    name
    scopes
    deactivatedAt
    createdAt
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

export const API_CLIENTS = graphql(
  `
    query ApiClients($organisationId: ID, $first: Int, $offset: Int) {
      apiClients(organisationId: $organisationId, first: $first, offset: $offset) {
        totalCount
        nodes {
          ...ClientRow
        }
      }
    }
  `,
  [CLIENT_ROW],
);

/** The secret comes in this answer only; the API keeps its hash. */
export const CREATE_API_CLIENT = graphql(
  `
    mutation CreateApiClient($input: CreateApiClientInput!) {
      createApiClient(input: $input) {
        client {
          ...ClientRow
        }
        clientSecret
      }
    }
  `,
  [CLIENT_ROW],
);

export const DEACTIVATE_API_CLIENT = graphql(
  `
    mutation DeactivateApiClient($input: DeactivateInput!) {
      deactivateApiClient(input: $input) {
        client {
          ...ClientRow
        }
      }
    }
  `,
  [CLIENT_ROW],
);
