import { buildFederatedSchema, referenceResolversOf, resolversOf } from '@doudi/shared';
import { auditLogResolver } from '@doudi/shared/database/audit-log';
import { aggregates } from './aggregates.js';

export const buildSchema = () =>
  buildFederatedSchema({
    resolvers: [...resolversOf(aggregates), auditLogResolver('programmes')],
    referenceResolvers: referenceResolversOf(aggregates),
  });
