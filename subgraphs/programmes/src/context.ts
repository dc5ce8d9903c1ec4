import type { RelativeFiling } from './benefit/benefit.filing.js';
import type { SubgraphContext, SubgraphQuery } from '@doudi/shared';
import type { BenefitLoaders } from './benefit/benefit.loaders.js';
import type { HouseholdLoaders } from './household/household.loaders.js';
import type { HouseholdDirectory } from './household/household-directory.js';
import type { ProgrammeLoaders } from './programme/programme.loaders.js';
import type { StandardLoaders } from './standard/standard.loaders.js';
import type { ScreeningLoaders } from './screening/screening.loaders.js';
import type { HouseholdFactsFeed } from './screening/household-facts.feed.js';
import type { WorkingDaysCalendar } from './remote/organisations.js';
import type { VersionLoaders } from './version/version.loaders.js';
import type { PaymentLoaders } from './payment/payment.loaders.js';

/** What setup() makes once at start, for every request. */
export interface Services {
  /** Reads households from the households subgraph, as the current caller. */
  households: HouseholdDirectory;
  /** Asks the organisations subgraph, as the current caller (remote/organisations.ts). */
  organisations: SubgraphQuery;
  /** Every household of a subtree with its facts, from households (signed with the service key): the screening. */
  householdFacts: HouseholdFactsFeed;
  /** Working days of a jurisdiction's calendar, from organisations (signed with the service key). */
  calendar: WorkingDaysCalendar;
  /** Declared close relatives of the people in a decision's chain (备案), from households and organisations. */
  filing: RelativeFiling;
}

/**
 * A request's loaders: those of every aggregate that has some (aggregates.ts makes them). Named from each
 * folder's loaders file, not its face, so that resolvers can use this type without an import cycle; index.ts
 * checks that the faces make exactly these.
 */
export type Loaders = BenefitLoaders &
  HouseholdLoaders &
  ProgrammeLoaders &
  StandardLoaders &
  VersionLoaders &
  ScreeningLoaders &
  PaymentLoaders;
export type Context = SubgraphContext<Loaders, Services>;
