import { buildFederatedSchema, requirePermission } from '@doudi/shared';
import { ProgrammeResolver } from './programme/programme.resolver.js';
import { OrganisationProgrammesResolver } from './organisation/organisation.resolver.js';
import { LocalStandardResolver } from './standard/standard.resolver.js';
import { BenefitResolver } from './benefit/benefit.resolver.js';
import { mayReadBenefit } from './benefit/benefit.access.js';
import { ProgrammeConfigurationResolver, ProgrammeVersionResolver } from './version/version.resolver.js';
import { EligibilityResolver, HouseholdEligibilityResolver } from './eligibility/eligibility.resolver.js';
import { HouseholdBenefitsResolver, PersonBenefitsResolver } from './household/household.resolver.js';
import { JurisdictionProgrammesResolver } from './jurisdiction/jurisdiction.resolver.js';
import type { Context } from './context.js';

const stub =
  <K extends string>(key: K) =>
  (ref: Record<K, string>) => ({ [key]: ref[key] });

export const buildSchema = () =>
  buildFederatedSchema({
    resolvers: [
      ProgrammeResolver,
      ProgrammeVersionResolver,
      ProgrammeConfigurationResolver,
      OrganisationProgrammesResolver,
      JurisdictionProgrammesResolver,
      LocalStandardResolver,
      BenefitResolver,
      EligibilityResolver,
      HouseholdEligibilityResolver,
      HouseholdBenefitsResolver,
      PersonBenefitsResolver,
    ],
    referenceResolvers: {
      Benefit: {
        __resolveReference: async (ref: { id: string }, ctx: Context) => {
          const benefit = await ctx.loaders.benefit.load(ref.id);
          return benefit && mayReadBenefit(ctx.principal, benefit) ? benefit : null;
        },
      },
      Programme: {
        __resolveReference: (ref: { id: string }, ctx: Context) => {
          requirePermission(ctx.principal, 'programmes:read');
          return ctx.loaders.programme.load(ref.id);
        },
      },
      // The owners decide whether these exist and who may read them; this subgraph adds its fields.
      Organisation: { __resolveReference: stub('id') },
      Household: { __resolveReference: stub('id') },
      Person: { __resolveReference: stub('id') },
      Jurisdiction: { __resolveReference: stub('code') },
    },
  });
