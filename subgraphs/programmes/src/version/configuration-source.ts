import { notFound } from '@doudi/shared';
import type { ConfigurationSource } from './configuration.js';
import type { Loaders } from '../context.js';

/** Programmes and versions through the request's loaders (queries and field resolvers batch them). */
export const configurationSource = (loaders: Loaders): ConfigurationSource => ({
  programme: async (id: string) => {
    const programme = await loaders.programme.load(id);
    if (!programme) throw notFound('Programme', id);
    return programme;
  },
  versions: (id: string) => loaders.versionsByProgramme.load(id),
});
