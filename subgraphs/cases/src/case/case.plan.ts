import { CaseChannel, CaseStage } from './case.enums.js';
import { TaskKind } from '../task/task.entity.js';
import { DeadlineRule } from '../deadline/deadline.rules.js';

/** Where a new case starts, and the first task its lead must do (WORKFLOWS.md "Deadlines"). */
export interface OpeningPlan {
  stage: CaseStage;
  atWindow: boolean;
  /** None for a hotline call not yet at the window: bringToWindow opens its TRANSFER task. */
  task: { kind: TaskKind; rule: DeadlineRule | null } | null;
}

export function openingPlan(channel: CaseChannel, firstQuestionOrganisationId: string | null): OpeningPlan {
  switch (channel) {
    case CaseChannel.NON_NATURAL_DEATH:
      // 襄政办发〔2023〕26号 七(二): the lead department has the family visited within 3 working days of the letter.
      return {
        stage: CaseStage.LETTER_RECEIVED,
        atWindow: false,
        task: { kind: TaskKind.VISIT, rule: DeadlineRule.DEATH_CASE_VISIT },
      };
    case CaseChannel.JUDICIAL_ASSISTANCE:
      // 晋检发办字〔2023〕10号 第十九条: the clock for referrals starts when the investigation ends.
      return {
        stage: CaseStage.INVESTIGATING,
        atWindow: false,
        task: { kind: TaskKind.CONCLUDE_INVESTIGATION, rule: null },
      };
    case CaseChannel.WINDOW_APPLICATION:
    case CaseChannel.HOTLINE: {
      // 周政办字〔2017〕70号 四(四): whoever is asked first brings the applicant to the window. A hotline call with no
      // first-question organisation came in on the window's own line and is at the window already.
      const atWindow = channel === CaseChannel.WINDOW_APPLICATION || firstQuestionOrganisationId === null;
      return {
        stage: CaseStage.REGISTERED,
        atWindow,
        task: atWindow ? { kind: TaskKind.TRANSFER, rule: DeadlineRule.WINDOW_TRANSFER } : null,
      };
    }
    case CaseChannel.VILLAGE_DISCOVERY:
    case CaseChannel.DATA_COMPARISON:
      return { stage: CaseStage.LEAD, atWindow: false, task: { kind: TaskKind.ASSIGN_LEAD, rule: null } };
  }
}
