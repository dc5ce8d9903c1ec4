import { buildFederatedSchema, referenceResolversOf, resolversOf } from '@doudi/shared';
import { aggregates } from './aggregates.js';

export const buildSchema = () =>
  buildFederatedSchema({
    resolvers: resolversOf(aggregates),
    referenceResolvers: referenceResolversOf(aggregates),
  });
