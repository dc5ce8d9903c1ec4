import type { LoaderRequest } from '@doudi/shared';
import { householdRecordLoader, type HouseholdDirectory } from './household-directory.js';

export function createHouseholdLoaders(_em: unknown, request: LoaderRequest) {
  const { households } = request.services as { households: HouseholdDirectory };
  return {
    /** Households read from the households subgraph as the caller, keyed by id and date. */
    household: householdRecordLoader(households, request.assertion),
  };
}

export type HouseholdLoaders = ReturnType<typeof createHouseholdLoaders>;
