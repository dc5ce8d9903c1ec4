/**
 * npx tsx scripts/bench-screening.ts [households]
 * How fast a draft eligibility rule is previewed: starts a throwaway PostgreSQL with the organisations,
 * households and programmes subgraphs (demo data), registers `households` families in 城口县河鱼乡 (default
 * 2,000; half with an income on record), then times ruleMatchCount for 城口县's 特困 rule over the county —
 * programmes reads every household from households, page by page as the caller, and evaluates the CEL rule —
 * and one screen(household). Prints households per second and the process's peak resident memory.
 * A benchmark, not a test: the figures depend on the machine.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensureDatabase,
  ENV,
  freePort,
  generateSigningKey,
  principalSigner,
  PRINCIPAL_HEADER,
  publicJwkOf,
  startEmbeddedPostgres,
  startSubgraph,
  type Principal,
  type RunningSubgraph,
} from '@doudi/shared';
import { definitions } from './subgraphs.js';

const count = Number(process.argv[2] ?? 2_000);
if (!Number.isInteger(count) || count < 1) throw new Error('usage: npx tsx scripts/bench-screening.ts [households]');
process.env.LOG_LEVEL ??= 'warn';

const ADMIN: Principal = {
  kind: 'STAFF',
  id: '019a0000-0000-7000-8000-0000000000be',
  organisationId: null,
  jurisdictionCode: null,
  roles: ['SYSTEM_ADMIN'],
  scopes: [],
};
const VILLAGES = ['500229218001', '500229218002', '500229218003'];
const RULE = `members.exists(m, (m.age >= 60 || m.disabled || m.age < 16) && m.workAbility == 'NONE')
&& household.perCapitaIncome < standards.tekun && !household.hasAbleObligor`;
const peakRss = () => Math.round(process.resourceUsage().maxRSS / 1024);

const dir = mkdtempSync(join(tmpdir(), 'doudi-bench-'));
const db = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: await freePort(), persistent: false });
const running: RunningSubgraph[] = [];
try {
  const adminUrl = await ensureDatabase(db.url, 'doudi');
  const gatewayKey = await generateSigningKey();
  const serviceKey = await generateSigningKey();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    GATEWAY_PUBLIC_KEY: JSON.stringify(publicJwkOf(gatewayKey)),
    AUTH_SIGNING_KEY: JSON.stringify(await generateSigningKey()),
    SERVICE_SIGNING_KEY: JSON.stringify(serviceKey),
    SERVICE_PUBLIC_KEY: JSON.stringify(publicJwkOf(serviceKey)),
    PERSONAL_DATA_KEY: randomBytes(32).toString('base64'),
  };
  for (const name of ['organisations', 'households', 'programmes'] as const) {
    const subgraph = await startSubgraph(definitions[name], {
      adminDatabaseUrl: adminUrl,
      demoData: true,
      port: 0,
      env,
    });
    running.push(subgraph);
    env[ENV.url(name)] = subgraph.url;
  }
  const [, householdsSubgraph, programmesSubgraph] = running;
  const signer = await principalSigner(gatewayKey);
  const call = async (url: string, query: string) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [PRINCIPAL_HEADER]: await signer.sign(ADMIN) },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
    return body.data;
  };

  const started = performance.now();
  for (let batch = 0; batch < count; batch += 50) {
    const size = Math.min(50, count - batch);
    const created = await call(
      householdsSubgraph.url,
      `mutation { ${Array.from({ length: size }, (_, i) => {
        const n = batch + i;
        return `h${i}: createHousehold(input: { jurisdictionCode: "${VILLAGES[n % 3]}", hukouType: RURAL, members: [
          { name: "户主${n}", sex: MALE, birthDate: "${1940 + (n % 60)}-03-01", relationshipToHead: SELF, workAbility: ${n % 4 ? 'FULL' : 'NONE'} },
          { name: "家属${n}", sex: FEMALE, birthDate: "${1950 + (n % 60)}-07-01", relationshipToHead: SPOUSE }] }) { household { id } }`;
      }).join('\n')} }`,
    );
    const ids = Object.values(created).map((h: any) => h.household.id as string);
    await call(
      householdsSubgraph.url,
      `mutation { ${ids
        .filter((_, i) => i % 2 === 0)
        .map(
          (id, i) =>
            `i${i}: recordHouseholdIncome(input: { householdId: "${id}", month: "2026-09", source: "bench", amounts: [{ category: AGRICULTURE, amount: "${(i % 30) * 100}" }] }) { household { id } }`,
        )
        .join('\n')} }`,
    );
  }
  console.log(`${count} households registered in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  for (let run = 1; run <= 2; run++) {
    const t = performance.now();
    const data = await call(
      programmesSubgraph.url,
      `{ ruleMatchCount(rule: ${JSON.stringify(RULE)}, jurisdictionCode: "500229000000", on: "2026-10-09") { households eligible notEligible missingInformation } }`,
    );
    const seconds = (performance.now() - t) / 1000;
    console.log(
      `ruleMatchCount run ${run}: ${seconds.toFixed(2)} s, ${Math.round(data.ruleMatchCount.households / seconds)} households/s ` +
        `${JSON.stringify(data.ruleMatchCount)}; peak RSS ${peakRss()} MiB`,
    );
  }
  const someone = (await call(householdsSubgraph.url, `{ households(first: 1) { nodes { id } } }`)).households.nodes[0]
    .id;
  const t = performance.now();
  await call(programmesSubgraph.url, `{ screen(householdId: "${someone}", on: "2026-10-09") { outcome } }`);
  console.log(`screen(household): ${(performance.now() - t).toFixed(0)} ms`);
} finally {
  for (const subgraph of running.reverse()) await subgraph.stop();
  await db.stop();
  rmSync(dir, { recursive: true, force: true });
}
