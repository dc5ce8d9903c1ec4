import { graphql } from '../graphql/graphql';

export const HOUSEHOLDS = graphql(`
  query Households($first: Int, $offset: Int, $filter: HouseholdFilter, $orderBy: [HouseholdOrder!]) {
    households(first: $first, offset: $offset, filter: $filter, orderBy: $orderBy) {
      totalCount
      nodes {
        id
        hukouType
        povertyMonitoringStatus
        createdAt
        jurisdiction {
          code
          name
        }
        residence {
          code
          name
        }
        members(first: 1) {
          totalCount
          nodes {
            id
            name
          }
        }
      }
    }
  }
`);

export const HOUSEHOLD = graphql(`
  query Household($id: ID!) {
    household(id: $id) {
      id
      version
      address
      hukouType
      povertyMonitoringStatus
      povertyMonitoringSince
      povertyMonitoringSource
      createdAt
      jurisdiction {
        code
        name
      }
      residence {
        code
        name
      }
      members(first: 30) {
        totalCount
        nodes {
          id
          name
          sex
          birthDate
          relationshipToHead
          idNumber
          phone
          employmentStatus
          schoolingStage
          workAbility
          veteranStatus
          orphan
          unattendedChild
          health {
            disabilityCategory
            disabilityGrade
            hasDisabilityCertificate
            seriousIllness
            chronicIllness
          }
        }
      }
      incomes {
        id
        month
        category
        amount
        source
      }
      consents {
        id
        purpose
        scope
        givenAt
        withdrawnAt
        withdrawnReason
        person {
          id
          name
        }
      }
      reveals {
        at
        personId
        field
        purpose
        actorKind
        actorId
      }
    }
    householdHistory(id: $id) {
      entityType
      entityId
      changedAt
      changedById
      source
      changes {
        field
        from
        to
      }
    }
  }
`);

export const REVEAL = graphql(`
  mutation RevealPersonalData($input: RevealPersonalDataInput!) {
    revealPersonalData(input: $input) {
      value
    }
  }
`);

export const IMPORT_HOUSEHOLDS = graphql(`
  mutation ImportHouseholds($input: ImportHouseholdsInput!) {
    importHouseholds(input: $input) {
      dryRun
      imported
      fileName
      rows
      households
      people
      ignoredColumns
      problems {
        row
        column
        householdKey
        code
        message
      }
    }
  }
`);

export const PROGRAMMES_SERVING = graphql(`
  query ProgrammesServing($code: ID!) {
    jurisdiction(code: $code) {
      code
      programmes(first: 100) {
        nodes {
          id
          name
        }
      }
    }
  }
`);

export const GRANT = graphql(`
  mutation GrantBenefit($input: GrantBenefitInput!) {
    grantBenefit(input: $input) {
      benefit {
        id
        status
        approvalLevel
      }
    }
  }
`);
