import { aggregate, requirePermission } from '@doudi/shared';
import type { Context } from '../context.js';
import { Programme } from './programme.entity.js';
import { createProgrammeLoaders } from './programme.loaders.js';
import { ProgrammeResolver } from './programme.resolver.js';

/** Assistance programmes and the templates they are made from. */
export const programme = aggregate({
  entities: [Programme],
  resolvers: [ProgrammeResolver],
  referenceResolvers: {
    Programme: {
      __resolveReference: (ref: { id: string }, ctx: Context) => {
        requirePermission(ctx.principal, 'programmes:read');
        return ctx.loaders.programme.load(ref.id);
      },
    },
  },
  loaders: createProgrammeLoaders,
});
