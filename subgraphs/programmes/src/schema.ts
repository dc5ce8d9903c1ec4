import { buildFederatedSchema, requirePermission } from '@doudi/shared';
import { ProgrammeResolver } from './programme/programme.resolver.js';
import { OrganisationProgrammesResolver } from './organisation/organisation.resolver.js';
import { LocalStandardResolver } from './standard/standard.resolver.js';
import { DeadlineResolver } from './deadline/deadline.resolver.js';
import { BenefitResolver, ProgrammeCapsResolver } from './benefit/benefit.resolver.js';
import type { Context } from './context.js';

export const buildSchema = () =>
  buildFederatedSchema({
    resolvers: [
      ProgrammeResolver,
      OrganisationProgrammesResolver,
      LocalStandardResolver,
      DeadlineResolver,
      BenefitResolver,
      ProgrammeCapsResolver,
    ],
    referenceResolvers: {
      Benefit: {
        __resolveReference: (ref: { id: string }, ctx: Context) => {
          requirePermission(ctx.principal, 'programmes:read');
          return ctx.loaders.benefit.load(ref.id);
        },
      },
      Programme: {
        __resolveReference: (ref: { id: string }, ctx: Context) => {
          requirePermission(ctx.principal, 'programmes:read');
          return ctx.loaders.programme.load(ref.id);
        },
      },
      // Any organisation may run programmes; the owner decides whether the organisation exists.
      Organisation: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
    },
  });
