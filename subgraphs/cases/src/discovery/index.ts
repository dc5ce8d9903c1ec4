import { aggregate } from '@doudi/shared';
import { ScreeningLead } from './screening-lead.entity.js';
import { CaseScreeningResolver } from './discovery.resolver.js';
import { createDiscoveryLoaders } from './discovery.loaders.js';

/**
 * Proactive discovery on the cases side (河鱼府发【2021】39号 二): screening leads become DATA_COMPARISON cases at the
 * residence township, once per situation.
 */
export const discovery = aggregate({
  entities: [ScreeningLead],
  resolvers: [CaseScreeningResolver],
  loaders: createDiscoveryLoaders,
});

export { discoveryEventHandlers } from './discovery.events.js';
export { LEAD_INTAKE_JOB, leadIntakeJob } from './discovery.job.js';
export { openScreeningLeads, type LeadReceivers } from './discovery.intake.js';
