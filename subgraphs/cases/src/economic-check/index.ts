import { aggregate } from '@doudi/shared';
import { EconomicCheck } from './economic-check.entity.js';
import { CaseEconomicChecksResolver, EconomicCheckResolver } from './economic-check.resolver.js';
import { createEconomicCheckLoaders } from './economic-check.loaders.js';

/** A dibao or tekun application's household economic checks (家庭经济状况核对). */
export const economicCheck = aggregate({
  entities: [EconomicCheck],
  resolvers: [CaseEconomicChecksResolver, EconomicCheckResolver],
  loaders: createEconomicCheckLoaders,
});
