import { graphql } from '../graphql/graphql';

export const ORGANISATION_ROW = graphql(`
  fragment OrganisationRow on Organisation {
    id
    name
    kind
    hotline
    deactivatedAt
    version
    jurisdiction {
      code
      name
    }
  }
`);

/** A page of the directory: by division (its subtree), kind, part of the name and status, sorted on the server. */
export const ORGANISATIONS = graphql(
  `
    query Organisations($filter: OrganisationFilter, $first: Int, $offset: Int, $orderBy: [OrganisationOrder!]) {
      organisations(filter: $filter, first: $first, offset: $offset, orderBy: $orderBy) {
        totalCount
        nodes {
          ...OrganisationRow
        }
      }
    }
  `,
  [ORGANISATION_ROW],
);

export const ORGANISATION = graphql(
  `
    query Organisation($id: ID!) {
      organisation(id: $id) {
        ...OrganisationRow
        address
        liaisonName
        liaisonPhone
        deactivationReason
        createdAt
      }
    }
  `,
  [ORGANISATION_ROW],
);

export const CREATE_ORGANISATION = graphql(
  `
    mutation CreateOrganisation($input: CreateOrganisationInput!) {
      createOrganisation(input: $input) {
        organisation {
          ...OrganisationRow
        }
      }
    }
  `,
  [ORGANISATION_ROW],
);

export const UPDATE_ORGANISATION = graphql(
  `
    mutation UpdateOrganisation($input: UpdateOrganisationInput!) {
      updateOrganisation(input: $input) {
        organisation {
          ...OrganisationRow
        }
      }
    }
  `,
  [ORGANISATION_ROW],
);

export const DEACTIVATE_ORGANISATION = graphql(
  `
    mutation DeactivateOrganisation($input: DeactivateOrganisationInput!) {
      deactivateOrganisation(input: $input) {
        organisation {
          ...OrganisationRow
          deactivationReason
        }
      }
    }
  `,
  [ORGANISATION_ROW],
);
