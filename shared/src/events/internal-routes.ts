/**
 * The service-signed internal routes one subgraph offers another (docs/architecture.md): their paths and the
 * shapes they answer, in one place for the subgraph that serves them and the one that calls them.
 */
export const INTERNAL_ROUTES = {
  /** organisations: working days for jobs that have no caller to pass on. */
  workingDays: '/internal/working-days',
  /** programmes: a payment made first enters the benefits ledger (晋检发办字〔2023〕10号 第二十条). */
  paidFirstBenefits: '/internal/paid-first-benefits',
  /** programmes: the time limits it kept before they moved to cases, copied once by cases. */
  legacyDeadlineSettings: '/internal/legacy-deadline-settings',
} as const;

/** A subgraph's internal route, beside its /graphql address. */
export const internalRouteUrl = (graphqlUrl: string, path: string) =>
  `${graphqlUrl.replace(/\/graphql\/?$/, '')}${path}`;

/** A time limit a jurisdiction set in programmes before the settings moved to cases, as the route answers it. */
export interface LegacyDeadlineSetting {
  id: string;
  jurisdictionCode: string;
  rule: string;
  amount: number;
  reason: string | null;
  createdAt: string;
  updatedAt: string;
}
