import { registerEnumType } from 'type-graphql';

export enum ScreeningTrigger {
  SCHEDULE = 'SCHEDULE',
  ON_DEMAND = 'ON_DEMAND',
  DATA_PUSH = 'DATA_PUSH',
  STANDARD_PUBLISHED = 'STANDARD_PUBLISHED',
  VERSION_PUBLISHED = 'VERSION_PUBLISHED',
}
registerEnumType(ScreeningTrigger, {
  name: 'ScreeningTrigger',
  valuesConfig: {
    SCHEDULE: { description: "On the jurisdiction's screening schedule." },
    ON_DEMAND: { description: 'Asked for with runScreening.' },
    DATA_PUSH: {
      description: 'After a department pushed data (河鱼府发【2021】39号 二(四)): only the households it changed.',
    },
    STANDARD_PUBLISHED: { description: 'After a local standard was published.' },
    VERSION_PUBLISHED: { description: 'After a programme version was published.' },
  },
});

export enum ScreeningRunStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}
registerEnumType(ScreeningRunStatus, {
  name: 'ScreeningRunStatus',
  valuesConfig: {
    QUEUED: { description: 'Waiting for the screening job.' },
    RUNNING: {
      description:
        'Taken by the job; its batches are committed as they are screened. A run whose job stopped answering goes back to QUEUED.',
    },
    SUCCEEDED: { description: 'Every household screened.' },
    FAILED: { description: 'Stopped; `error` says why (what the run wrote before stays, and is not written again).' },
  },
});

export enum ScreeningFrequency {
  DAILY = 'DAILY',
  WEEKLY = 'WEEKLY',
  MONTHLY = 'MONTHLY',
}
registerEnumType(ScreeningFrequency, { name: 'ScreeningFrequency' });

/** Why a household is on the early-warning list (前置预警对象, 河鱼府发【2021】39号 一, 二). */
export enum EarlyWarningReason {
  /** Per-capita income at or above the dibao line but within the jurisdiction's margin above it (default: up to the low-income line). */
  INCOME_NEAR_DIBAO_LINE = 'INCOME_NEAR_DIBAO_LINE',
  /** A member is seriously ill (a health fact: shown only to callers who may read health facts). */
  SERIOUS_ILLNESS = 'SERIOUS_ILLNESS',
  /** A sudden severe hardship (突发严重困难户). */
  SUDDEN_HARDSHIP = 'SUDDEN_HARDSHIP',
  /** A disaster the emergency office reported within the year before the screening (应急办, 河鱼府发【2021】39号 二(四)). */
  DISASTER = 'DISASTER',
  /** Relapse-risk or marginal household under monitoring (脱贫不稳定户, 边缘易致贫户). */
  RELAPSE_RISK = 'RELAPSE_RISK',
  /** A reason the caller may not read (a health fact). */
  WITHHELD = 'WITHHELD',
}
registerEnumType(EarlyWarningReason, { name: 'EarlyWarningReason' });

export enum EarlyWarningStatus {
  /** On the list: the village point should visit. */
  OPEN = 'OPEN',
  /** A later screening found the household no longer close to a line. */
  CLEARED = 'CLEARED',
}
registerEnumType(EarlyWarningStatus, { name: 'EarlyWarningStatus' });

export enum EarlyWarningVisitOutcome {
  NO_HELP_NEEDED = 'NO_HELP_NEEDED',
  KEEP_WATCHING = 'KEEP_WATCHING',
  LEAD_SUBMITTED = 'LEAD_SUBMITTED',
  NOT_AT_HOME = 'NOT_AT_HOME',
  MOVED_AWAY = 'MOVED_AWAY',
}
registerEnumType(EarlyWarningVisitOutcome, {
  name: 'EarlyWarningVisitOutcome',
  valuesConfig: {
    NO_HELP_NEEDED: { description: 'Visited: the family manages.' },
    KEEP_WATCHING: { description: 'Visited: keep the household under watch.' },
    LEAD_SUBMITTED: {
      description: 'Visited: the village submitted a lead to the township (villages discover, townships decide).',
    },
    NOT_AT_HOME: { description: 'Nobody at home; visit again.' },
    MOVED_AWAY: { description: 'The family no longer lives here.' },
  },
});
