import { CaseChannel } from '../case/case.enums.js';
import type { Case } from '../case/case.entity.js';
import { DeadlineRule } from '../deadline/deadline.rules.js';
import { requestDeadlines, type Due } from '../deadline/deadline.service.js';
import { organisationKind } from '../remote/organisations.js';
import type { Context } from '../context.js';

/**
 * The time limit a referral runs under. Judicial assistance both ways (晋检发办字〔2023〕10号 第二十一条): the receiver starts
 * its procedure within RECEIVER_STARTS_PROCEDURE and, once it concludes, reports back within RECEIVER_REPORTS_BACK.
 * A death case's agencies answer in writing within AGENCY_WRITTEN_ANSWER (襄政办发〔2023〕26号 七(五)); a window's transfer
 * is concluded within WINDOW_CONCLUDE (周政办字〔2017〕70号 四(四)), and so is a township's lead passed on (河鱼府发【2021】39号 二(四)).
 */
export function referralRule(found: Case, receiverKind: string): { rule: DeadlineRule; procedure: boolean } {
  if (found.channel === CaseChannel.JUDICIAL_ASSISTANCE || receiverKind === 'PROCURATORATE') {
    return { rule: DeadlineRule.RECEIVER_STARTS_PROCEDURE, procedure: true };
  }
  if (found.channel === CaseChannel.NON_NATURAL_DEATH) {
    return { rule: DeadlineRule.AGENCY_WRITTEN_ANSWER, procedure: false };
  }
  return { rule: DeadlineRule.WINDOW_CONCLUDE, procedure: false };
}

/** The due date of a referral sent on `sentOn`, counted in the case's jurisdiction (wherever the receiver is). */
export async function referralDue(
  ctx: Context,
  found: Case,
  toOrganisationId: string,
  sentOn: string,
  agreedDueDate: string | null = null,
): Promise<{ due: Due; procedure: boolean; receiverKind: string }> {
  if (!agreedDueDate) {
    // The rule hangs on the receiver's kind: ask for it with the working days of each rule it could be, at once.
    const candidates = new Set([referralRule(found, 'PROCURATORATE').rule, referralRule(found, '').rule]);
    await requestDeadlines(ctx).prefetch(found.jurisdictionCode, sentOn, [...candidates], toOrganisationId);
  }
  const receiverKind = await organisationKind(ctx, toOrganisationId);
  const { rule, procedure } = referralRule(found, receiverKind);
  if (agreedDueDate) {
    return { due: { dueDate: agreedDueDate, dueRule: null, dueDateWarning: null }, procedure, receiverKind };
  }
  return { due: await requestDeadlines(ctx).due(found.jurisdictionCode, rule, sentOn), procedure, receiverKind };
}
