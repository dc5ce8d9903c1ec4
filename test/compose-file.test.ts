import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PORTS, ENV, EVENT_CONSUMERS, KEY_ENV, knownEnvironmentVariables, SUBGRAPHS } from '@doudi/shared';

/** No Docker engine runs here, so the compose file is checked against the code's own configuration. */
const root = join(import.meta.dirname, '..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true });
const services = compose.services as Record<string, any>;

describe('docker-compose.yml', () => {
  it('runs PostgreSQL with a healthcheck, the four subgraphs and the gateway', () => {
    expect(Object.keys(services).sort()).toEqual([
      'cases',
      'gateway',
      'households',
      'organisations',
      'postgres',
      'programmes',
    ]);
    expect(services.postgres.healthcheck.test.join(' ')).toContain('pg_isready');
  });

  it.each(SUBGRAPHS)('builds %s from the project Dockerfile on its own port, after PostgreSQL is healthy', (name) => {
    const service = services[name];
    expect(service.build.dockerfile).toBe('Dockerfile');
    expect(existsSync(join(root, service.build.dockerfile))).toBe(true);
    expect(existsSync(join(root, service.build.args.SERVICE_PATH, 'src', 'main.ts'))).toBe(true);
    expect(service.environment[ENV.port(name)]).toBe(String(DEFAULT_PORTS[name]));
    expect(service.environment[ENV.databaseUrlAdmin]).toMatch(/@postgres:5432\//);
    expect(service.depends_on.postgres.condition).toBe('service_healthy');
    expect(service.ports, 'subgraphs are private').toBeUndefined();
    expect(service.healthcheck.test.join(' ')).toContain(`:${DEFAULT_PORTS[name]}/readyz`);
  });

  it('points the gateway at every subgraph and publishes only the gateway port', () => {
    const gateway = services.gateway;
    expect(existsSync(join(root, gateway.build.args.SERVICE_PATH, 'src', 'main.ts'))).toBe(true);
    expect(gateway.ports).toEqual([`${DEFAULT_PORTS.gateway}:${DEFAULT_PORTS.gateway}`]);
    expect(gateway.environment[ENV.port('gateway')]).toBe(String(DEFAULT_PORTS.gateway));
    for (const name of SUBGRAPHS) {
      expect(gateway.environment[ENV.url(name)]).toBe(`http://${name}:${DEFAULT_PORTS[name]}/graphql`);
      expect(gateway.depends_on[name].condition).toBe('service_healthy');
    }
  });

  it('gives every subgraph the gateway public key, the issuer its signing key and the gateway its own', () => {
    for (const name of SUBGRAPHS)
      expect(services[name].environment.GATEWAY_PUBLIC_KEY, name).toMatch(/GATEWAY_PUBLIC_KEY:\?/);
    expect(services.organisations.environment.AUTH_SIGNING_KEY).toMatch(/AUTH_SIGNING_KEY:\?/);
    expect(services.households.environment.PERSONAL_DATA_KEY).toMatch(/PERSONAL_DATA_KEY:\?/);
    expect(services.gateway.environment.GATEWAY_SIGNING_KEY).toMatch(/GATEWAY_SIGNING_KEY:\?/);
    expect(services.gateway.environment.AUTH_SIGNING_KEY, 'the gateway never holds the issuer key').toBeUndefined();
  });

  it('gives every subgraph the service key pair that signs and checks event deliveries, and the gateway neither', () => {
    for (const name of SUBGRAPHS) {
      const environment = services[name].environment;
      expect(environment[KEY_ENV.service.privateKey], name).toMatch(/SERVICE_SIGNING_KEY:\?/);
      expect(environment[KEY_ENV.service.publicKey], name).toMatch(/SERVICE_PUBLIC_KEY:\?/);
    }
    expect(services.gateway.environment[KEY_ENV.service.privateKey]).toBeUndefined();
  });

  it('lets every subgraph deliver events to each subscribing subgraph by its service name', () => {
    for (const consumer of EVENT_CONSUMERS) {
      for (const name of SUBGRAPHS.filter((n) => n !== consumer)) {
        expect(services[name].environment[ENV.url(consumer)], `${name} → ${consumer}`).toBe(
          `http://${consumer}:${DEFAULT_PORTS[consumer]}/graphql`,
        );
      }
    }
  });

  it('lets the other subgraphs reach the organisations subgraph by its service name', () => {
    for (const name of SUBGRAPHS.filter((n) => n !== 'organisations')) {
      expect(services[name].environment[ENV.url('organisations')], name).toBe(
        `http://organisations:${DEFAULT_PORTS.organisations}/graphql`,
      );
    }
  });

  it('takes every password from .env, with no development default to fall back on', () => {
    const text = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
    expect(text).not.toMatch(/doudi-[a-z]*-?dev/);
    expect(services.postgres.environment.POSTGRES_PASSWORD).toMatch(/POSTGRES_PASSWORD:\?/);
    for (const name of SUBGRAPHS) {
      const environment = services[name].environment;
      expect(environment[ENV.dbPassword(name)], name).toMatch(new RegExp(`${ENV.dbPassword(name)}:\\?`));
      expect(environment[ENV.databaseUrlAdmin], name).toMatch(/POSTGRES_PASSWORD:\?/);
    }
  });

  it('hands every service the token that guards GET /metrics', () => {
    for (const name of [...SUBGRAPHS, 'gateway'])
      expect(services[name].environment, name).toHaveProperty('METRICS_TOKEN');
  });

  it('builds in a separate stage and runs compiled JavaScript with plain node, not a transpiler', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM \S+ AS build$/m);
    expect(dockerfile).toMatch(/^RUN node scripts\/build\.mjs/m);
    const cmd = dockerfile.split('\n').find((line) => line.startsWith('CMD '))!;
    expect(cmd).toContain('node --conditions=compiled');
    expect(cmd).toContain('/dist/main.js');
    expect(cmd).not.toContain('tsx');
    // Each workspace package resolves to its dist/ under that condition, and to its sources otherwise.
    for (const folder of ['shared', 'gateway', ...SUBGRAPHS.map((name) => `subgraphs/${name}`)]) {
      const exported = JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8')).exports['.'];
      const compiled = typeof exported.compiled === 'string' ? exported.compiled : exported.compiled.default;
      expect(compiled, folder).toBe('./dist/index.js');
      expect(exported.default, folder).toBe('./src/index.ts');
    }
  });

  it('builds the admin console in the build stage and ships it for the gateway to serve at /admin/', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    const [build, runtime] = dockerfile.split(/^FROM .*$/m).slice(1);
    expect(build).toMatch(/^COPY admin\/package\.json admin\/$/m);
    expect(build).toMatch(/^COPY admin admin$/m);
    expect(build).toMatch(/^COPY schema schema$/m);
    expect(readFileSync(join(root, 'scripts', 'build.mjs'), 'utf8')).toContain("'--workspace', 'admin'");
    expect(runtime).toMatch(/^COPY --from=build \/app\/admin\/dist admin\/dist$/m);
  });

  it('sets no variable the code does not read', () => {
    const known = new Set(knownEnvironmentVariables());
    for (const name of [...SUBGRAPHS, 'gateway']) {
      for (const variable of Object.keys(services[name].environment))
        expect(known, `${name}: ${variable}`).toContain(variable);
    }
  });
});
