import { createServer, type Server } from 'node:http';
import { Writable } from 'node:stream';
import { ApolloServer } from '@apollo/server';
import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { badInput } from './errors.js';
import { listen, close } from './http.js';
import { createMetrics, metricsRoute, MULTIPLE_ROOT_FIELDS, rootFieldOf, sampleValue } from './metrics.js';
import { REDACTED_PATHS, safeMessage, serializeError } from './logger.js';

const schema = buildSchema(`
  type Query { ok: Int, forbidden: Int, broken: Int, other: Int }
  type Mutation { save(text: String): Int }
`);
const rootValue = {
  ok: () => 1,
  forbidden: () => {
    throw badInput('id', 'no');
  },
  broken: () => {
    throw new Error(`insert into "person" values ('张三', '141023199001011234') failed`);
  },
  save: () => 1,
};

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const logger = pino(
    {
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: (e: unknown) => serializeError(e) },
    },
    stream,
  );
  return { logger, lines };
}

async function serve(route: ReturnType<typeof metricsRoute>): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => void route(req, res));
  const port = await listen(server, 0, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}/metrics`, server };
}

describe('metrics', () => {
  it('count requests by operation type and root field, and errors by the code the client sees', async () => {
    const { logger, lines } = capturingLogger();
    const metrics = createMetrics('test', { logger, production: false });
    const apollo = new ApolloServer({ schema, rootValue, plugins: [metrics.plugin] });
    await apollo.start();
    try {
      await apollo.executeOperation({ query: '{ ok }' }, { contextValue: { requestId: 'r-1' } });
      await apollo.executeOperation({ query: '{ forbidden }' }, { contextValue: { requestId: 'r-2' } });
      await apollo.executeOperation({ query: '{ broken }' }, { contextValue: { requestId: 'r-3' } });
      await apollo.executeOperation({
        query: 'mutation($t: String) { save(text: $t) }',
        variables: { t: '141023199001011234' },
      });
      const text = await metrics.registry.metrics();
      const requests = (labels: Record<string, string>) =>
        sampleValue(text, 'doudi_graphql_request_duration_seconds_count', { service: 'test', ...labels });
      expect(requests({ operation_type: 'query', root_field: 'ok', outcome: 'ok' })).toBe(1);
      expect(requests({ operation_type: 'mutation', root_field: 'save', outcome: 'ok' })).toBe(1);
      expect(requests({ operation_type: 'query', root_field: 'broken', outcome: 'error' })).toBe(1);
      expect(sampleValue(text, 'doudi_graphql_errors_total', { operation_type: 'query', code: 'BAD_USER_INPUT' })).toBe(
        1,
      );
      expect(sampleValue(text, 'doudi_graphql_errors_total', { code: 'INTERNAL_SERVER_ERROR' })).toBe(1);
      expect(text).toContain('process_cpu_seconds_total');
      expect(text, 'never a variable').not.toContain('141023199001011234');
    } finally {
      await apollo.stop();
    }
    // One structured line for the unexpected error only, without the values the failing statement held.
    const unexpected = lines.filter((line) => line.msg === 'unexpected error');
    expect(unexpected).toHaveLength(1);
    expect(unexpected[0]).toMatchObject({
      requestId: 'r-3',
      operationType: 'query',
      path: 'broken',
      errorClass: 'Error',
    });
    expect(JSON.stringify(unexpected[0])).not.toMatch(/张三|141023199001011234/);
  });

  it('name a bounded root field: the schema field, never an alias', () => {
    const root = (query: string) => {
      const document = parse(query);
      return rootFieldOf(document.definitions[0] as OperationDefinitionNode, document.definitions);
    };
    expect(root('query Anything { mine: ok }')).toBe('ok');
    expect(root('{ ok other }')).toBe(MULTIPLE_ROOT_FIELDS);
    expect(root('{ ...F } fragment F on Query { ok __typename }')).toBe('ok');
  });

  it('count the gateway’s subgraph calls by outcome and its timeouts', async () => {
    const { logger } = capturingLogger();
    const metrics = createMetrics('gateway', { logger, production: false });
    const timeout = Object.assign(new Error('timed out'), { name: 'TimeoutError' });
    const source = metrics.instrumentSubgraph('cases', {
      process: async (options: { context?: unknown }) => {
        if ((options.context as { fail?: boolean }).fail) throw timeout;
        return { errors: [] };
      },
    });
    expect(await metrics.registry.metrics()).toMatch(
      /doudi_gateway_subgraph_timeouts_total\{[^}]*subgraph="cases"[^}]*\} 0/,
    );
    await source.process({ context: {} });
    await expect(source.process({ context: { fail: true } })).rejects.toBe(timeout);
    const text = await metrics.registry.metrics();
    const calls = (outcome: string) =>
      sampleValue(text, 'doudi_gateway_subgraph_request_duration_seconds_count', { subgraph: 'cases', outcome });
    expect(calls('ok')).toBe(1);
    expect(calls('timeout')).toBe(1);
    expect(sampleValue(text, 'doudi_gateway_subgraph_timeouts_total', { subgraph: 'cases' })).toBe(1);
  });

  it('answer /metrics to the bearer of METRICS_TOKEN, and not at all in production without one', async () => {
    const { logger } = capturingLogger();
    const { registry } = createMetrics('test', { logger, production: true });
    const closed = await serve(metricsRoute(registry, { production: true, env: {} }));
    const guarded = await serve(metricsRoute(registry, { production: true, env: { METRICS_TOKEN: 's3cret' } }));
    try {
      expect((await fetch(closed.url)).status).toBe(404);
      expect((await fetch(guarded.url)).status).toBe(401);
      expect((await fetch(guarded.url, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      const ok = await fetch(guarded.url, { headers: { authorization: 'Bearer s3cret' } });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await ok.text()).toContain('process_resident_memory_bytes');
    } finally {
      await close(closed.server);
      await close(guarded.server);
    }
  });
});

describe('error log lines', () => {
  it('keep class, code and path, and drop the values a database error quotes', () => {
    const error = Object.assign(new Error(`duplicate key: Key (id_hash)=(ab12) values ('张三', '13800138000')`), {
      code: '23505',
      detail: 'Key (id_hash)=(ab12) already exists.',
      parameters: ['张三'],
    });
    const serialized = JSON.stringify(serializeError(error));
    expect(serialized).toContain('"code":"23505"');
    expect(serialized).not.toMatch(/张三|13800138000|ab12|already exists/);
    expect(safeMessage('x'.repeat(1_000)).length).toBeLessThanOrEqual(301);
  });

  it('redact variables and credentials wherever they are logged', () => {
    const { logger, lines } = capturingLogger();
    logger.info({ variables: { idNumber: '141023199001011234' }, headers: { authorization: 'Bearer t' } }, 'x');
    expect(JSON.stringify(lines[0])).not.toMatch(/141023199001011234|Bearer t/);
  });
});
