import { graphql } from '../graphql/graphql';

export const SETTINGS_VIEW = graphql(`
  fragment SettingsView on ProgrammeSettingsView {
    sets
    eligibilityRule
    fixedAmount
    benefitFormula
    publicNoticeDays
    caps {
      perGrant
      perPersonPerYear
      perHouseholdPerYear
    }
    approvalTiers {
      upTo
      level
      collectiveReview
    }
  }
`);

export const PROGRAMMES = graphql(`
  query Programmes($first: Int, $offset: Int, $filter: ProgrammeFilter, $orderBy: [ProgrammeOrder!]) {
    programmes(first: $first, offset: $offset, filter: $filter, orderBy: $orderBy) {
      totalCount
      nodes {
        id
        name
        kind
        isTemplate
        jurisdiction {
          code
          name
        }
        organisation {
          id
          name
        }
        template {
          id
          name
        }
        configuration {
          version {
            number
            effectiveFrom
          }
        }
      }
    }
  }
`);

export const PROGRAMME = graphql(
  `
    query Programme($id: ID!, $on: Date) {
      programme(id: $id) {
        id
        name
        kind
        description
        isTemplate
        jurisdiction {
          code
          name
        }
        organisation {
          id
          name
        }
        template {
          id
          name
        }
        versions {
          id
          number
          effectiveFrom
          note
          publishedAt
          locks
          settings {
            ...SettingsView
          }
        }
        configuration(on: $on) {
          date
          version {
            number
            effectiveFrom
          }
          settings {
            ...SettingsView
          }
          origins {
            setting
            versionNumber
            effectiveFrom
            programme {
              id
              name
            }
            lockedBy {
              id
              name
            }
          }
        }
      }
    }
  `,
  [SETTINGS_VIEW],
);

export const PUBLISH_VERSION = graphql(`
  mutation PublishProgrammeVersion($input: PublishProgrammeVersionInput!) {
    publishProgrammeVersion(input: $input) {
      version {
        id
        number
        effectiveFrom
      }
    }
  }
`);

export const RULE_MATCH_COUNT = graphql(`
  query RuleMatchCount($rule: String!, $jurisdictionCode: ID!, $on: Date) {
    ruleMatchCount(rule: $rule, jurisdictionCode: $jurisdictionCode, on: $on) {
      households
      eligible
      notEligible
      missingInformation
    }
  }
`);

export const EXPLAIN_RULE = graphql(`
  query ExplainRule($rule: String!, $householdId: ID!, $on: Date) {
    explainRule(rule: $rule, householdId: $householdId, on: $on) {
      outcome
      missing
      clauses {
        expression
        result
        missing
        error
      }
    }
  }
`);

export const ELIGIBILITY_FACTS = graphql(`
  query EligibilityFacts {
    eligibilityFacts {
      path
      type
      description
      whenNull
    }
  }
`);

export const HOUSEHOLDS_IN = graphql(`
  query HouseholdsIn($jurisdictionCode: ID!) {
    households(first: 100, filter: { jurisdictionCode: $jurisdictionCode }) {
      nodes {
        id
        jurisdiction {
          name
        }
        members(first: 10) {
          nodes {
            name
            relationshipToHead
          }
        }
      }
    }
  }
`);
