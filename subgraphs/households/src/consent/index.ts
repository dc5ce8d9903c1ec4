import { ConsentRecord } from './consent.entity.js';
import { ConsentRecordResolver, HouseholdConsentResolver } from './consent.resolver.js';

/** To wire into the households subgraph: entities (index.ts), resolvers (schema.ts), loaders (context.ts). */
export const consentEntities = [ConsentRecord];
export const consentResolvers = [HouseholdConsentResolver, ConsentRecordResolver];
export { createConsentLoaders, type ConsentLoaders } from './consent.loaders.js';
export { hasConsent, consentHolds } from './consent.service.js';
export { ConsentPurpose, ConsentRecord } from './consent.entity.js';
