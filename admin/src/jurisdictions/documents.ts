import { graphql } from '../graphql/graphql';

export const JURISDICTION = graphql(`
  query Jurisdiction($code: ID!) {
    jurisdiction(code: $code) {
      code
      name
      level
      ancestors {
        code
        name
        level
      }
      children(first: 100) {
        nodes {
          code
          name
          level
        }
      }
    }
  }
`);

export const JURISDICTIONS = graphql(`
  query Jurisdictions($filter: JurisdictionFilter) {
    jurisdictions(first: 50, filter: $filter) {
      nodes {
        code
        name
        level
        ancestors {
          code
          name
        }
      }
    }
  }
`);
