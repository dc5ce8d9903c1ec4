import { aggregate } from '@doudi/shared';
import { HouseholdStatisticsResolver } from './statistics.resolver.js';

/** Statistics of households for reporting tools (issue 13 items 1, 2): tables, small cells suppressed. */
export const statistics = aggregate({ resolvers: [HouseholdStatisticsResolver] });
