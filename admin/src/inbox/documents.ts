import { graphql } from '../graphql/graphql';

/** The organisation's inbox (Organisation.inbox): soonest due first, the green channel first among equals. */
export const INBOX = graphql(`
  query Inbox($organisationId: ID!, $first: Int, $offset: Int) {
    organisation(id: $organisationId) {
      id
      inbox(first: $first, offset: $offset) {
        totalCount
        nodes {
          kind
          dueDate
          overdue
          atRisk
          case {
            id
            summary
            channel
            stage
            greenChannel
            jurisdiction {
              code
              name
            }
          }
          task {
            id
            kind
            dueDateWarning
          }
          referral {
            id
            kind
            status
            dueDateWarning
            fromOrganisation {
              id
              name
            }
          }
          followUp {
            id
            dueOn
          }
        }
      }
    }
  }
`);

/** Deadline reminders and escalations for the organisation, newest first. */
export const NOTIFICATIONS = graphql(`
  query Notifications($organisationId: ID!, $first: Int, $offset: Int, $unreadOnly: Boolean) {
    organisation(id: $organisationId) {
      id
      notifications(first: $first, offset: $offset, unreadOnly: $unreadOnly) {
        totalCount
        nodes {
          id
          kind
          itemKind
          dueDate
          createdAt
          readAt
          caseId
          responsibleOrganisation {
            id
            name
          }
          jurisdiction {
            code
            name
          }
        }
      }
    }
  }
`);

/** Only the count, for the badge in the app bar. */
export const UNREAD_COUNT = graphql(`
  query UnreadNotifications($organisationId: ID!) {
    organisation(id: $organisationId) {
      id
      notifications(first: 1, unreadOnly: true) {
        totalCount
      }
    }
  }
`);

export const MARK_READ = graphql(`
  mutation MarkNotificationRead($input: MarkNotificationReadInput!) {
    markNotificationRead(input: $input) {
      notification {
        id
        readAt
      }
    }
  }
`);
