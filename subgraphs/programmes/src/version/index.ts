import { aggregate } from '@doudi/shared';
import { ProgrammeVersion } from './programme-version.entity.js';
import { createVersionLoaders } from './version.loaders.js';
import { ProgrammeConfigurationResolver, ProgrammeVersionResolver } from './version.resolver.js';

/** A programme's configuration, version by version, and the one in force on a date. */
export const version = aggregate({
  entities: [ProgrammeVersion],
  resolvers: [ProgrammeVersionResolver, ProgrammeConfigurationResolver],
  loaders: createVersionLoaders,
});
