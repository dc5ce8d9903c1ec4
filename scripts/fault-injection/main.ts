/**
 * npm run bench:faults [-- --kills N] [-- --only subgraph|postgres]
 * The long versions of test/resilience/faults.test.ts (issue 18 item 5), each on its own throwaway embedded
 * PostgreSQL: the programmes subgraph killed with SIGKILL N times (default 5) while clients ask through the
 * gateway, restarted by npm start's supervisor; PostgreSQL killed with SIGKILL N times during acknowledged writes,
 * restarted the same way. Prints each recovery time, what clients saw meanwhile, and lost or duplicated writes.
 * Exits 1 when a write was lost or stored twice, or a client got anything but a whole or a named partial answer.
 */
import { ENV } from '@doudi/shared';
import { requestsWhileSubgraphKilled, writesWhilePostgresKilled } from './scenarios.js';

process.env[ENV.logLevel] ??= 'fatal';
const at = process.argv.indexOf('--kills');
const kills = at > 0 ? Number(process.argv[at + 1]) : 5;
const seconds = (ms: number[]) => ms.map((m) => (m / 1000).toFixed(2)).join(', ');
const summary = (ms: number[]) =>
  `median ${(([...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)] ?? 0) / 1000).toFixed(2)} s, worst ${(Math.max(...ms) / 1000).toFixed(2)} s`;
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt > 0 ? process.argv[onlyAt + 1] : undefined;
let failed = false;

if (only !== 'postgres') {
  console.log(
    `A subgraph process (programmes) killed with SIGKILL ${kills} times while 3 clients ask through the gateway …`,
  );
  const subgraph = await requestsWhileSubgraphKilled({ kills, settleMs: 3_000 });
  console.log(`  whole answers again after (s): ${seconds(subgraph.recoveryMs)} — ${summary(subgraph.recoveryMs)}`);
  console.log(
    `  answers: ${subgraph.complete} whole, ${subgraph.partial} partial (SERVICE_UNAVAILABLE naming programmes), ${subgraph.wrong.length} otherwise`,
  );
  for (const wrong of subgraph.wrong.slice(0, 5)) console.log(`    ${wrong}`);
  failed ||= subgraph.wrong.length > 0;
}

if (only !== 'subgraph') {
  console.log(
    `PostgreSQL killed with SIGKILL ${kills} times during acknowledged writes (4 writers, idempotency keys) …`,
  );
  const writes = await writesWhilePostgresKilled({ kills, everyMs: 3_000 });
  console.log(`  writes acknowledged again after (s): ${seconds(writes.recoveryMs)} — ${summary(writes.recoveryMs)}`);
  console.log(`  ${writes.acknowledged} acknowledged, ${writes.lost} lost, ${writes.duplicated} duplicated`);
  console.log(
    `  refused attempts by code: ${JSON.stringify(writes.refusals)}; answers leaking SQL or addresses: ${writes.leaks.length}`,
  );
  failed ||= writes.lost > 0 || writes.duplicated > 0 || writes.leaks.length > 0;
  failed ||= Object.keys(writes.refusals).some((code) => code !== 'SERVICE_UNAVAILABLE');
}

process.exit(failed ? 1 : 0);
