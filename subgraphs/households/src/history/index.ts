import { aggregate } from '@doudi/shared';
import { HouseholdChange } from './household-change.entity.js';
import { HouseholdHistoryResolver } from './history.resolver.js';

/** Every change to a household and its members, and the household as it stood on a date. */
export const history = aggregate({ entities: [HouseholdChange], resolvers: [HouseholdHistoryResolver] });
