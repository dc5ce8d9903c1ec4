import type { Job, JobContext } from '@doudi/shared';
import { openScreeningLeads, type LeadReceivers } from './discovery.intake.js';

/** The job's name, the key of its one queued entry. */
export const LEAD_INTAKE_JOB = 'screening-lead-intake';

/**
 * Every minute: the screening leads that arrived (screening.lead.found) become DATA_COMPARISON cases at their
 * residence township (河鱼府发【2021】39号 二(二)(四)). The run has no caller: who receives a township's leads is asked
 * of organisations with the service key.
 */
export const leadIntakeJob = (receiversOf: (context: JobContext) => LeadReceivers, everyMs = 60_000): Job => ({
  everyMs,
  run: (em, _now, context) => openScreeningLeads(em, receiversOf(context)),
});
