import DataLoader from 'dataloader';
import { can, codePrefix, jurisdictionPrefix, type HouseholdFactsLine, type Principal } from '@doudi/shared';
import { screenedLine, screenedRecord, type ScreenedHousehold } from './household-facts.js';
import type { Context } from '../context.js';

type Key = { id: string; date: string };

/**
 * The caller's subtree when households' facts projection can answer for them: a signed-in caller who may read
 * households and whose reach is one jurisdiction's subtree. Those are exactly the households `households:read`
 * lets them see (registered or living there, household.access.ts), so the projection of that subtree shows them
 * nothing they could not read. Anyone else (the whole country, no such permission) is read as before, as the caller.
 */
function subtreeOf(principal: Principal): string | null {
  if (principal.kind === 'ANONYMOUS' || !principal.jurisdictionCode || !can(principal, 'households:read')) return null;
  const prefix = jurisdictionPrefix(principal);
  return prefix && prefix === codePrefix(principal.jurisdictionCode) ? principal.jurisdictionCode : null;
}

const healthVisible = (principal: Principal, line: HouseholdFactsLine) =>
  can(principal, 'households:read-sensitive', line.hukouCode) ||
  can(principal, 'households:read-sensitive', line.residenceCode);

const loaders = new WeakMap<object, DataLoader<Key, ScreenedHousehold | null, string>>();

/**
 * Households for Household.eligibility in one request, keyed by id and date: one call to households' facts
 * projection per date for the whole page (one SQL statement there, the JSON built by PostgreSQL — not a GraphQL
 * query resolving every member, asset and income field), as the screening reads them. Households the projection
 * does not return for the caller's subtree (outside it, registered after the date, unknown), every household of a
 * caller it cannot answer for, and any household when the projection fails, are read as before through
 * households' GraphQL API as the caller, which answers NOT_FOUND, FORBIDDEN or a named outage as it always did.
 */
export function screenedHouseholdLoader(ctx: Context): DataLoader<Key, ScreenedHousehold | null, string> {
  let loader = loaders.get(ctx);
  if (loader) return loader;
  loader = new DataLoader<Key, ScreenedHousehold | null, string>(
    async (keys) => {
      const found = new Map<string, ScreenedHousehold | Error>();
      const subtree = subtreeOf(ctx.principal);
      if (subtree) {
        for (const date of new Set(keys.map((k) => k.date))) {
          const householdIds = [...new Set(keys.filter((k) => k.date === date).map((k) => k.id))];
          try {
            for await (const line of ctx.services.householdFacts({ jurisdictionCode: subtree, date, householdIds }))
              found.set(`${line.id}|${date}`, screenedLine(line, healthVisible(ctx.principal, line)));
          } catch {
            // Read as before below: households' GraphQL API names the outage if there is one.
          }
        }
      }
      const rest = keys.filter((k) => !found.has(`${k.id}|${k.date}`));
      const records = await ctx.loaders.household.loadMany(rest);
      rest.forEach((key, i) => {
        const record = records[i];
        if (record) found.set(`${key.id}|${key.date}`, record instanceof Error ? record : screenedRecord(record));
      });
      return keys.map((k) => found.get(`${k.id}|${k.date}`) ?? null);
    },
    { maxBatchSize: 1000, cacheKeyFn: (k) => `${k.id}|${k.date}` },
  );
  loaders.set(ctx, loader);
  return loader;
}
