export { householdFactsRoute, HOUSEHOLD_FACTS_PATH, streamHouseholdFacts } from './household-facts.route.js';
export { householdFactsQuery, incomeWindow } from './household-facts.sql.js';
