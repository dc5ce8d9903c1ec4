import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { accessTokens, ANONYMOUS, REDACTED_PATHS, type AccessTokens, type MikroORM } from '@doudi/shared';
import * as demo from '@doudi/shared/demo';
import { testKeys, thrown } from '@doudi/shared/testing';
import { openTestOrm } from '../joint-meeting/joint-meeting.test-support.js';
import { clientAddressOf, issueClientToken, signIn, SIGN_IN_LIMITS } from './account.service.js';
import { ANONYMOUS_FIELDS, buildSchema } from '../schema.js';

let setup: Awaited<ReturnType<typeof openTestOrm>>;
let orm: MikroORM;
let tokens: AccessTokens;
const lines: string[] = [];
const logger = pino(
  { redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
  new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  }),
);
const em = () => orm.em.fork();
beforeAll(async () => {
  setup = await openTestOrm();
  orm = setup.orm;
  tokens = await accessTokens((await testKeys()).auth);
});
afterAll(() => setup?.close());

describe('sign-in from one client address', () => {
  it('past 50 failures under any names, the address waits; other addresses and the accounts themselves do not', async () => {
    const from = { clientAddress: '203.0.113.7', logger };
    const failures = SIGN_IN_LIMITS.perAddress.points + 1;
    for (let i = 0; i < failures; i++) {
      expect(
        (await thrown(signIn(em(), tokens, { username: `guess.${i}`, password: 'secret-guess-1' }, from))).code,
      ).toBe('UNAUTHENTICATED');
    }
    const right = { username: 'xincheng.caseworker', password: demo.DEMO_PASSWORD };
    expect((await thrown(signIn(em(), tokens, right, from))).code).toBe('LIMIT_EXCEEDED');
    expect(
      (await thrown(issueClientToken(em(), tokens, { clientId: demo.apiClients[0].id, clientSecret: 'x' }, from))).code,
    ).toBe('LIMIT_EXCEEDED');
    expect(await signIn(em(), tokens, right, { clientAddress: '198.51.100.20', logger })).toBeDefined();
    expect(await signIn(em(), tokens, right, {})).toBeDefined();
  });

  it('logs refusals and throttling as JSON lines without the password or the token', async () => {
    const events = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.filter((e) => e.event === 'sign-in.refused')).toHaveLength(SIGN_IN_LIMITS.perAddress.points + 1);
    expect(events.find((e) => e.event === 'sign-in.throttled')).toMatchObject({
      kind: 'STAFF',
      scope: 'address',
      clientAddress: '203.0.113.7',
    });
    const all = lines.join('\n');
    expect(all).not.toContain('secret-guess-1');
    expect(all).not.toContain(demo.DEMO_PASSWORD);
    expect(all).not.toMatch(/guess\.\d/);
    expect(all).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });

  it('reads the address only from the gateway-signed principal', () => {
    expect(clientAddressOf(ANONYMOUS)).toBeNull();
    expect(clientAddressOf({ ...ANONYMOUS, clientAddress: '203.0.113.7' } as never)).toBe('203.0.113.7');
  });
});

describe('the schema of the organisations subgraph', () => {
  it('refuses an anonymous caller on every root field but signing in, before the resolver runs', async () => {
    const { schema } = await buildSchema();
    const roots = [schema.getQueryType(), schema.getMutationType()].filter(Boolean) as GraphQLObjectType[];
    const checked: string[] = [];
    for (const root of roots) {
      for (const field of Object.values(root.getFields())) {
        if (ANONYMOUS_FIELDS.has(field.name) || field.name.startsWith('_')) continue;
        const call = () => field.resolve!(undefined, {}, { principal: ANONYMOUS }, {} as GraphQLResolveInfo);
        expect(call, field.name).toThrow(expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } }));
        checked.push(field.name);
      }
    }
    expect(checked).toEqual(expect.arrayContaining(['me', 'organisation', 'jurisdiction', 'jointMeeting']));
    expect(checked).not.toContain('signIn');
  });
});
