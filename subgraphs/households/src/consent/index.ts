import { aggregate } from '@doudi/shared';
import { ConsentRecord } from './consent.entity.js';
import { ConsentRecordResolver, HouseholdConsentResolver } from './consent.resolver.js';
import { createConsentLoaders } from './consent.loaders.js';

/** A household's consents (e.g. to publicity), given and withdrawn. */
export const consent = aggregate({
  entities: [ConsentRecord],
  resolvers: [HouseholdConsentResolver, ConsentRecordResolver],
  loaders: createConsentLoaders,
});
export { ConsentPurpose, ConsentRecord } from './consent.entity.js';
