import { graphql } from '../graphql/graphql';

/** The days of a year that differ from the weekday rule, with where each rule comes from. */
export const CALENDAR_DAYS = graphql(`
  query CalendarDays($jurisdictionCode: ID!, $year: Int!) {
    calendarDays(jurisdictionCode: $jurisdictionCode, year: $year) {
      date
      kind
      name
      source
      weekend
      scheduleComplete
    }
  }
`);

export const OVERRIDE_VIEW = graphql(`
  fragment OverrideView on CalendarOverride {
    id
    jurisdictionCode
    date
    kind
    reason
  }
`);

/** The entries of a year: a division's and those above it, or (no division) the national ones entered by hand. */
export const CALENDAR_OVERRIDES = graphql(
  `
    query CalendarOverrides($jurisdictionCode: ID, $year: Int!) {
      calendarOverrides(jurisdictionCode: $jurisdictionCode, year: $year) {
        ...OverrideView
      }
    }
  `,
  [OVERRIDE_VIEW],
);

export const NATIONAL_SCHEDULE = graphql(`
  query NationalSchedule($year: Int!) {
    nationalSchedule(year: $year) {
      year
      shipped
      complete
      declaredAt
    }
  }
`);

export const ADD_WORKING_DAYS = graphql(`
  query AddWorkingDays($jurisdictionCode: ID!, $from: Date!, $days: Int!) {
    addWorkingDays(jurisdictionCode: $jurisdictionCode, from: $from, days: $days) {
      date
      scheduleComplete
      warnings
    }
  }
`);

export const ADD_CALENDAR_OVERRIDE = graphql(
  `
    mutation AddCalendarOverride($input: AddCalendarOverrideInput!) {
      addCalendarOverride(input: $input) {
        calendarOverride {
          ...OverrideView
        }
      }
    }
  `,
  [OVERRIDE_VIEW],
);

export const REMOVE_CALENDAR_OVERRIDE = graphql(`
  mutation RemoveCalendarOverride($input: RemoveCalendarOverrideInput!) {
    removeCalendarOverride(input: $input) {
      calendarOverride {
        id
      }
    }
  }
`);

export const DECLARE_CALENDAR_YEAR = graphql(`
  mutation DeclareCalendarYear($input: DeclareCalendarYearInput!) {
    declareCalendarYear(input: $input) {
      calendarYear {
        year
        declaredAt
      }
    }
  }
`);
