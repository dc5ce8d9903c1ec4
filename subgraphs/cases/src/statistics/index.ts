import { aggregate } from '@doudi/shared';
import { CaseStatisticsResolver, ReferralStatisticsResolver } from './statistics.resolver.js';

/** Statistics of cases and referrals for reporting tools (issue 13 items 1, 2): tables, small cells suppressed. */
export const statistics = aggregate({ resolvers: [CaseStatisticsResolver, ReferralStatisticsResolver] });
