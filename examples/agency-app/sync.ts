import type { DoudiClient } from './client.js';

/** A referral as the app keeps it: what changed is its status, its dates and the measures of an answer. */
export interface SyncedReferral {
  id: string;
  status: string;
  updatedAt: string;
  sentOn: string;
  answeredOn: string | null;
  measuresTaken: string[];
  case: { id: string };
  toOrganisation: { id: string; name: string };
}

const REFERRALS = `query Sync($filter: ReferralFilter!, $after: String) {
  referrals(filter: $filter, first: 100, after: $after) {
    syncedUntil
    pageInfo { hasNextPage endCursor }
    nodes { id status updatedAt sentOn answeredOn measuresTaken case { id } toOrganisation { id name } }
  }
}`;

interface Page {
  referrals: {
    syncedUntil: string;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: SyncedReferral[];
  };
}

/**
 * One pass of incremental sync (docs/sync.md) over the referrals this organisation sent: every referral changed at
 * or after `since`, oldest change first, and the `syncedUntil` to start the next pass from. A pass may give again
 * a referral the last one gave: keep the copy with the latest updatedAt (`merge`).
 */
export async function syncSentReferrals(client: DoudiClient, organisationId: string, since: string) {
  const changed: SyncedReferral[] = [];
  let after: string | null = null;
  let syncedUntil = since;
  do {
    const page: Page = await client.request<Page>(REFERRALS, {
      filter: { fromOrganisationId: organisationId, updatedSince: since },
      after,
    });
    changed.push(...page.referrals.nodes);
    syncedUntil = page.referrals.syncedUntil;
    after = page.referrals.pageInfo.hasNextPage ? page.referrals.pageInfo.endCursor : null;
  } while (after);
  return { changed, syncedUntil };
}

/** The app's copy after a pass: one entry per id, the latest change winning. */
export function merge(copy: Map<string, SyncedReferral>, changed: SyncedReferral[]) {
  for (const referral of changed) {
    const held = copy.get(referral.id);
    if (!held || held.updatedAt <= referral.updatedAt) copy.set(referral.id, referral);
  }
  return copy;
}
