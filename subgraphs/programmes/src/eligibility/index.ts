import { aggregate } from '@doudi/shared';
import { EligibilityResolver, HouseholdEligibilityResolver } from './eligibility.resolver.js';

/** Whether a household qualifies for a programme, and why. */
export const eligibility = aggregate({ resolvers: [EligibilityResolver, HouseholdEligibilityResolver] });
