import { aggregate } from '@doudi/shared';
import { LocalStandard } from './local-standard.entity.js';
import { createStandardLoaders } from './standard.loaders.js';
import { LocalStandardResolver } from './standard.resolver.js';

/** Local assistance standards by jurisdiction and year. */
export const standard = aggregate({
  entities: [LocalStandard],
  resolvers: [LocalStandardResolver],
  loaders: createStandardLoaders,
});
