import { graphql } from '../../graphql/graphql';

/*
 * One document per step the API offers on a case (WORKFLOWS of the cases subgraph). Each answers only what tells
 * the page it worked; the page then reads the case again.
 */

export const REPORT_TO_LEAD = graphql(`
  mutation ReportToLead($input: ReportToLeadInput!) {
    reportToLead(input: $input) {
      case {
        id
        version
      }
    }
  }
`);

export const CONCLUDE_INVESTIGATION = graphql(`
  mutation ConcludeInvestigation($input: ConcludeInvestigationInput!) {
    concludeInvestigation(input: $input) {
      case {
        id
        version
      }
    }
  }
`);

export const BRING_TO_WINDOW = graphql(`
  mutation BringToWindow($input: BringToWindowInput!) {
    bringToWindow(input: $input) {
      case {
        id
        version
      }
    }
  }
`);

export const ASSIGN_LEAD = graphql(`
  mutation AssignLead($input: AssignLeadInput!) {
    assignLead(input: $input) {
      case {
        id
        version
      }
    }
  }
`);

export const SUBMIT_FOR_REVIEW = graphql(`
  mutation SubmitForReview($input: SubmitForReviewInput!) {
    submitForReview(input: $input) {
      case {
        id
        version
      }
    }
  }
`);

export const COMPLETE_REFERRALS = graphql(`
  mutation CompleteReferrals($input: CompleteReferralsInput!) {
    completeReferrals(input: $input) {
      case {
        id
        version
      }
    }
  }
`);

export const CONCLUDE_CASE = graphql(`
  mutation ConcludeCase($input: ConcludeCaseInput!) {
    concludeCase(input: $input) {
      case {
        id
        version
      }
    }
  }
`);

export const CLOSE_CASE = graphql(`
  mutation CloseCase($input: CloseCaseInput!) {
    closeCase(input: $input) {
      case {
        id
        version
      }
    }
  }
`);

export const ACCEPT_REFERRAL = graphql(`
  mutation AcceptReferral($input: AcceptReferralInput!) {
    acceptReferral(input: $input) {
      referral {
        id
        version
      }
    }
  }
`);

export const DECLINE_REFERRAL = graphql(`
  mutation DeclineReferral($input: DeclineReferralInput!) {
    declineReferral(input: $input) {
      referral {
        id
        version
      }
    }
  }
`);

export const FORWARD_REFERRAL = graphql(`
  mutation ForwardReferral($input: ForwardReferralInput!) {
    forwardReferral(input: $input) {
      referral {
        id
        version
      }
    }
  }
`);

export const ANSWER_REFERRAL = graphql(`
  mutation AnswerReferral($input: AnswerReferralInput!) {
    answerReferral(input: $input) {
      referral {
        id
        version
      }
    }
  }
`);

export const CONCLUDE_REFERRAL = graphql(`
  mutation ConcludeReferral($input: ConcludeReferralInput!) {
    concludeReferral(input: $input) {
      referral {
        id
        version
      }
    }
  }
`);

export const ACKNOWLEDGE_RECEIPT = graphql(`
  mutation AcknowledgeReceipt($input: AcknowledgeReceiptInput!) {
    acknowledgeReceipt(input: $input) {
      referral {
        id
        version
      }
    }
  }
`);

export const CREATE_REFERRAL = graphql(`
  mutation CreateReferral($input: CreateReferralInput!) {
    createReferral(input: $input) {
      referral {
        id
      }
    }
  }
`);

export const RECORD_VISIT = graphql(`
  mutation RecordVisit($input: RecordVisitInput!) {
    recordVisit(input: $input) {
      visit {
        id
      }
    }
  }
`);

export const SCHEDULE_FOLLOW_UP = graphql(`
  mutation ScheduleFollowUp($input: ScheduleFollowUpInput!) {
    scheduleFollowUp(input: $input) {
      followUp {
        id
      }
    }
  }
`);

export const RECORD_FOLLOW_UP = graphql(`
  mutation RecordFollowUp($input: RecordFollowUpInput!) {
    recordFollowUp(input: $input) {
      followUp {
        id
      }
    }
  }
`);

export const START_PUBLIC_NOTICE = graphql(`
  mutation StartPublicNotice($input: StartPublicNoticeInput!) {
    startPublicNotice(input: $input) {
      notice {
        id
      }
    }
  }
`);

export const RECORD_OBJECTION = graphql(`
  mutation RecordObjection($input: RecordObjectionInput!) {
    recordObjection(input: $input) {
      notice {
        id
      }
    }
  }
`);

export const CLOSE_PUBLIC_NOTICE = graphql(`
  mutation ClosePublicNotice($input: ClosePublicNoticeInput!) {
    closePublicNotice(input: $input) {
      notice {
        id
      }
    }
  }
`);

export const RECORD_EMERGENCY_PAYMENT = graphql(`
  mutation RecordEmergencyPayment($input: RecordEmergencyPaymentInput!) {
    recordEmergencyPayment(input: $input) {
      emergencyPayment {
        id
      }
    }
  }
`);
