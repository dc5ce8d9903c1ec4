/**
 * bench:api --overload (issue 16 item 3): how the system degrades past what it can serve. On one read item (the
 * nested case list, page of 3, unless --overload-item names another) it finds the saturating load — connections
 * doubled from 1 until throughput grows by less than 10 % — and then runs at half and at twice that rate
 * (autocannon's overallRate, with enough connections that the rate is really offered). For each it prints the
 * requests answered, the accepted ones' p50/p99, the refusals (503 SERVICE_UNAVAILABLE with Retry-After) and any
 * other error, and whether every service is still running. The criterion: at twice the saturating load, p99 of the
 * accepted requests stays within 4× their p50 at half load, and nothing crashes.
 */
import type { EventEmitter } from 'node:events';
import autocannon from 'autocannon';
import { printTable } from '../bench-support/measure.js';

interface Run {
  label: string;
  connections: number;
  rate?: number;
  accepted: number;
  refused: number;
  refusedWithoutRetryAfter: number;
  errors: number;
  seconds: number;
  p50: number;
  p99: number;
  refusedP99: number;
}

const ms = (value: number) => (Number.isNaN(value) ? '—' : value.toFixed(0));
const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;

/** One autocannon run, its latencies split by answer: accepted (2xx), refused (503), anything else an error. */
async function load(
  label: string,
  options: { url: string; token: string; body: string; seconds: number; connections: number; rate?: number },
): Promise<Run> {
  const accepted: number[] = [];
  const refused: number[] = [];
  let errors = 0;
  let refusedWithoutRetryAfter = 0;
  const instance = autocannon({
    url: options.url,
    method: 'POST',
    connections: options.connections,
    duration: options.seconds,
    timeout: 30,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
    body: options.body,
    ...(options.rate ? { overallRate: options.rate } : {}),
    requests: [
      {
        method: 'POST',
        body: options.body,
        onResponse: (status: number, _body: string, _context: unknown, headers: Record<string, string>) => {
          if (status === 503 && !headers?.['retry-after']) refusedWithoutRetryAfter++;
        },
      },
    ],
  } as unknown as Parameters<typeof autocannon>[0]) as unknown as ReturnType<typeof autocannon> & EventEmitter;
  void instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status >= 200 && status < 300) accepted.push(ms);
    else if (status === 503) refused.push(ms);
    else errors++;
  });
  const result = await instance;
  accepted.sort((a, b) => a - b);
  refused.sort((a, b) => a - b);
  return {
    label,
    connections: options.connections,
    rate: options.rate,
    accepted: accepted.length,
    refused: refused.length,
    refusedWithoutRetryAfter,
    errors: errors + result.errors + result.timeouts,
    seconds: options.seconds,
    p50: percentile(accepted, 50),
    p99: percentile(accepted, 99),
    refusedP99: percentile(refused, 99),
  };
}

export async function runOverload(options: {
  url: string;
  token: string;
  item: { name: string; query: string; variables?: () => object };
  seconds: number;
  /** The services whose process has ended (crashed) meanwhile. */
  crashed: () => string[];
}): Promise<boolean> {
  const { url, token, item, seconds } = options;
  const body = JSON.stringify({ query: item.query, variables: item.variables?.() ?? {} });
  const common = { url, token, body };
  console.log(`Overload on ${item.name}: finding the saturating load (${seconds} s per step)…`);
  const steps: Run[] = [];
  let best: Run | undefined;
  for (let connections = 1; connections <= 256; connections *= 2) {
    const run = await load(`${connections} connections`, { ...common, seconds, connections });
    steps.push(run);
    const rate = run.accepted / run.seconds;
    if (best && rate < (best.accepted / best.seconds) * 1.1) break;
    best = run;
  }
  const saturating = Math.max(1, Math.round(best!.accepted / best!.seconds));
  const knee = best!.connections;
  console.log(`Saturating load: about ${saturating} requests/s (reached with ${knee} connections).\n`);
  const half = await load('half the saturating load', {
    ...common,
    seconds,
    connections: Math.max(1, knee),
    rate: Math.max(1, Math.round(saturating / 2)),
  });
  const twice = await load('twice the saturating load', {
    ...common,
    seconds,
    // Enough connections that the offered rate is not capped by answers still outstanding.
    connections: Math.max(8, knee * 8),
    rate: saturating * 2,
  });
  const rows = [...steps, half, twice].map((r) => [
    r.label,
    r.rate ? String(r.rate) : '—',
    String(r.connections),
    (r.accepted / r.seconds).toFixed(0),
    ms(r.p50),
    ms(r.p99),
    String(r.refused),
    ms(r.refusedP99),
    String(r.errors),
  ]);
  printTable(
    ['load', 'offered/s', 'conns', 'accepted/s', 'p50 ms', 'p99 ms', 'refused', 'refused p99', 'errors'],
    rows,
  );
  const ratio = twice.p99 / half.p50;
  const dead = options.crashed();
  const ok = ratio <= 4 && dead.length === 0 && twice.errors === 0 && twice.refusedWithoutRetryAfter === 0;
  console.log(
    `\nAt twice the saturating load, p99 of accepted requests is ${ms(twice.p99)} ms = ${ratio.toFixed(1)}× the p50 at half ` +
      `load (${ms(half.p50)} ms; criterion ≤ 4×); ${twice.refused} refused with 503` +
      `${twice.refusedWithoutRetryAfter ? ` (${twice.refusedWithoutRetryAfter} without Retry-After)` : ''}, ` +
      `${twice.errors} other errors; ${dead.length ? `crashed: ${dead.join(', ')}` : 'every service still running'}. ` +
      (ok ? 'Criterion met.' : 'Criterion NOT met.'),
  );
  return ok;
}
