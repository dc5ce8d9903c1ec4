import { GraphQLError } from 'graphql';
import {
  INTERNAL_ROUTES,
  internalRouteUrl,
  postSigned,
  type DeliverySigner,
  type LegacyDeadlineSetting,
  type SubgraphQuery,
} from '@doudi/shared';

export type { LegacyDeadlineSetting };

/**
 * Everything cases asks of the programmes subgraph. Both on programmes' internal routes, signed with the
 * service key (no caller may do either through the API): emergency payments made first go into its benefits
 * ledger; the time limits it kept before they moved to cases are copied once (deadline.import.ts).
 */

/** The ledger entry cases asks programmes to write for an emergency payment (晋检发办字〔2023〕10号 第二十条). */
export interface PaidFirstEntry {
  key: string;
  caseId: string;
  householdId: string;
  jurisdictionCode: string;
  programmeId: string | null;
  kinds: string[];
  paidOn: string;
  amountFen: number;
  paidByOrganisationId: string;
  proposedById: string | null;
  proposedByActorId: string | null;
}

export interface PaidFirstLedger {
  /** Writes the benefit; throws the ledger's own error (LIMIT_EXCEEDED …) with its code. */
  record(entry: PaidFirstEntry): Promise<{ benefitId: string | null; programmeId: string | null }>;
}

/**
 * A subgraph never reads another's tables (docs/architecture.md): cases asks programmes to record the payment as a benefit,
 * signed with the service key so that no caller can write a paid benefit through the API. programmes checks the caps
 * as for any grant and answers the benefit, or the refusal with its code.
 */
export function paidFirstLedger(
  programmesGraphqlUrl: string,
  signer: DeliverySigner,
  timeoutMs = 5_000,
): PaidFirstLedger {
  const url = internalRouteUrl(programmesGraphqlUrl, INTERNAL_ROUTES.paidFirstBenefits);
  return {
    async record(entry) {
      const response = await postSigned(signer, 'programmes', url, entry, timeoutMs);
      const answer = (await response.json().catch(() => ({}))) as {
        benefitId?: string | null;
        programmeId?: string | null;
        error?: { message: string; extensions?: Record<string, unknown> };
      };
      if (response.status === 422 && answer.error) {
        throw new GraphQLError(answer.error.message, { extensions: answer.error.extensions });
      }
      if (!response.ok) throw new Error(`the benefits ledger answered ${response.status}`);
      return { benefitId: answer.benefitId ?? null, programmeId: answer.programmeId ?? null };
    },
  };
}

/** Every time limit programmes still holds from before the move; throws when programmes cannot answer. */
export function legacyDeadlineSettings(programmesGraphqlUrl: string, signer: DeliverySigner, timeoutMs = 5_000) {
  const url = internalRouteUrl(programmesGraphqlUrl, INTERNAL_ROUTES.legacyDeadlineSettings);
  return async (): Promise<LegacyDeadlineSetting[]> => {
    const response = await postSigned(signer, 'programmes', url, {}, timeoutMs);
    if (!response.ok) throw new Error(`programmes' time limits: ${response.status}`);
    return ((await response.json()) as { settings: LegacyDeadlineSetting[] }).settings;
  };
}

/** What flagging a benefit needs of a request: programmes, asked as the caller (its own permissions apply). */
export interface ProgrammesCaller {
  services: { programmes: SubgraphQuery };
  assertion: string;
}

/**
 * Flags a benefit for review (动态管理) because a complaint about it was substantiated. A benefit already flagged
 * keeps its flag, so a retry is safe; programmes answers NOT_FOUND, FORBIDDEN or INVALID_STATE with its own code.
 */
export async function flagBenefitForReview(ctx: ProgrammesCaller, benefitId: string, reason: string): Promise<void> {
  await ctx.services.programmes(
    `mutation($input: FlagBenefitForReviewInput!) { flagBenefitForReview(input: $input) { benefit { id } } }`,
    { input: { benefitId, reason: reason.slice(0, 2000) } },
    ctx.assertion,
  );
}
