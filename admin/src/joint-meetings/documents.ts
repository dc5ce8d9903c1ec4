import { graphql } from '../graphql/graphql';

export const MEETING_ROW = graphql(`
  fragment MeetingRow on JointMeeting {
    id
    name
    version
    nextPlenaryDue
    plenaryOverdue
    lastPlenaryDate
    jurisdiction {
      code
      name
    }
    office {
      id
      name
    }
  }
`);

export const JOINT_MEETINGS = graphql(
  `
    query JointMeetings($filter: JointMeetingFilter, $first: Int, $offset: Int, $orderBy: [JointMeetingOrder!]) {
      jointMeetings(filter: $filter, first: $first, offset: $offset, orderBy: $orderBy) {
        totalCount
        nodes {
          ...MeetingRow
        }
      }
    }
  `,
  [MEETING_ROW],
);

export const SESSION_VIEW = graphql(`
  fragment SessionView on JointMeetingSession {
    id
    date
    kind
    title
    summary
    agreedActions {
      id
      description
      dueDate
      status
      doneAt
      version
      owner {
        id
        name
      }
    }
  }
`);

/** The meeting page: the mechanism, its members with their liaisons (phones masked by the API), its sessions. */
export const JOINT_MEETING = graphql(
  `
    query JointMeeting($id: ID!) {
      jointMeeting(id: $id) {
        ...MeetingRow
        convenor
        deputyConvenors
        officeLocation
        plenaryIntervalMonths
        annualReportDueMonth
        annualReportDueDay
        members(first: 100) {
          totalCount
          nodes {
            id
            role
            liaisonName
            liaisonPhone
            joinedAt
            organisation {
              id
              name
            }
          }
        }
        sessions(first: 100) {
          totalCount
          nodes {
            ...SessionView
          }
        }
      }
    }
  `,
  [MEETING_ROW, SESSION_VIEW],
);

/** The yearly reports of a year: received (late or not) and missing (overdue or not yet due). */
export const ANNUAL_REPORTS = graphql(`
  query MeetingAnnualReports($id: ID!, $year: Int!) {
    jointMeeting(id: $id) {
      id
      annualReports(year: $year) {
        id
        submittedAt
        dueDate
        late
        summary
        organisation {
          id
          name
        }
      }
      missingAnnualReports(year: $year) {
        dueDate
        overdue
        member {
          id
          organisation {
            id
            name
          }
        }
      }
    }
  }
`);

/** The annual summary (襄政办发〔2023〕26号 附件1 第九条): needs reports:read. */
export const ANNUAL_SUMMARY = graphql(`
  query MeetingAnnualSummary($id: ID!, $year: Int!) {
    jointMeeting(id: $id) {
      id
      annualSummary(year: $year) {
        year
        status
        approvedAt
        approvedInSessionId
        figures {
          anySuppressed
          casesOpened
          casesClosed
          familiesReached
          referralsSent
          referralsAnswered
          referralsDeclined
          answeredOnTime
          answeredLate
          followUps
          followUpHouseholds
          reliefGrants
          reliefHouseholds
          reliefPersons
          reliefAmount
        }
      }
    }
  }
`);

export const ANNUAL_SUMMARY_EXPORT = graphql(`
  query MeetingAnnualSummaryExport($id: ID!, $year: Int!) {
    jointMeeting(id: $id) {
      id
      annualSummary(year: $year) {
        export(format: XLSX) {
          fileName
          mediaType
          contentBase64
        }
      }
    }
  }
`);

export const RECORD_SESSION = graphql(
  `
    mutation RecordJointMeetingSession($input: RecordJointMeetingSessionInput!) {
      recordJointMeetingSession(input: $input) {
        session {
          ...SessionView
        }
      }
    }
  `,
  [SESSION_VIEW],
);

export const COMPLETE_ACTION = graphql(`
  mutation CompleteAgreedAction($input: CompleteAgreedActionInput!) {
    completeAgreedAction(input: $input) {
      agreedAction {
        id
        status
        doneAt
        version
      }
    }
  }
`);

export const SUBMIT_REPORT = graphql(`
  mutation SubmitMemberAnnualReport($input: SubmitMemberAnnualReportInput!) {
    submitMemberAnnualReport(input: $input) {
      annualReport {
        id
        late
      }
    }
  }
`);

export const APPROVE_SUMMARY = graphql(`
  mutation ApproveAnnualSummary($input: ApproveAnnualSummaryInput!) {
    approveAnnualSummary(input: $input) {
      annualSummary {
        year
        status
        approvedAt
      }
    }
  }
`);
