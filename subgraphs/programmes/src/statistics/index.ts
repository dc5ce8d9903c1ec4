import { aggregate } from '@doudi/shared';
import { BenefitStatisticsResolver } from './statistics.resolver.js';

/** Statistics of the benefits ledger for reporting tools (issue 13 items 1, 2): tables, small cells suppressed. */
export const statistics = aggregate({ resolvers: [BenefitStatisticsResolver] });
