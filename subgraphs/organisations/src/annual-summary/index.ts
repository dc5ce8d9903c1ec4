import { aggregate } from '@doudi/shared';
import { AnnualSummary } from './annual-summary.entity.js';
import { annualSummaryResolvers } from './annual-summary.resolver.js';

/**
 * The joint meeting's annual summary (襄政办发〔2023〕26号 附件1 第九条): the year's figures asked of cases and
 * programmes as the caller, beside the members' own reports; frozen when the meeting approves it.
 */
export const annualSummary = aggregate({ entities: [AnnualSummary], resolvers: annualSummaryResolvers });
