import { aggregate } from '@doudi/shared';
import { SupportObligor } from './obligor.entity.js';
import { createObligorLoaders } from './obligor.loaders.js';
import { SupportObligorResolver } from './obligor.resolver.js';

/** Those obliged to support a household's members. */
export const obligor = aggregate({
  entities: [SupportObligor],
  resolvers: [SupportObligorResolver],
  loaders: createObligorLoaders,
});
