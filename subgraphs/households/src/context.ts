import type { SubgraphContext } from '@doudi/shared';
import type { HouseholdLoaders } from './household/household.loaders.js';
import type { PersonLoaders } from './person/person.loaders.js';
import type { IncomeLoaders } from './income/income.loaders.js';
import type { ConsentLoaders } from './consent/consent.loaders.js';
import type { ObligorLoaders } from './obligor/obligor.loaders.js';
import type { Services } from './services.js';

/**
 * A request's loaders: those of every aggregate that has some (aggregates.ts makes them). Named from each
 * folder's loaders file, not its face, so that resolvers can use this type without an import cycle; index.ts
 * checks that the faces make exactly these.
 */
export type Loaders = HouseholdLoaders & PersonLoaders & IncomeLoaders & ConsentLoaders & ObligorLoaders;
export type Context = SubgraphContext<Loaders, Services>;
