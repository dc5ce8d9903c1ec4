import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, type GraphQLSchema } from 'graphql';
import { buildFederatedSchema, createLogger, newId, type MikroORM, type Principal } from '@doudi/shared';
import * as demo from '@doudi/shared/demo';
import type { Context } from '../context.js';
import { organisations } from '../index.js';
import { JurisdictionResolver } from '../jurisdiction/jurisdiction.resolver.js';
import { OrganisationResolver } from '../organisation/organisation.resolver.js';
import { account } from './index.js';
import { admin, JINJIANG, openTestOrm, XIANGFEN } from '../joint-meeting/joint-meeting.test-support.js';

let setup: Awaited<ReturnType<typeof openTestOrm>>;
let orm: MikroORM;
let schema: GraphQLSchema;
const logger = createLogger('organisations');
const { xiangfenPolice: police, xiangfenCivilAffairs: civil, jinjiangCivilAffairs } = demo.organisations;
const xiangfenAdmin = admin(XIANGFEN);
const jinjiangAdmin = admin(JINJIANG);
const caseworker: Principal = {
  kind: 'STAFF',
  id: newId(),
  organisationId: civil.id,
  jurisdictionCode: XIANGFEN,
  roles: ['CASEWORKER'],
  scopes: [],
};

async function request<T = any>(query: string, variables: Record<string, unknown> = {}, principal = xiangfenAdmin) {
  const em = orm.em.fork();
  const contextValue: Context = {
    em,
    principal,
    loaders: organisations.createLoaders(em, { services: undefined, assertion: '' }),
    services: undefined as unknown as Context['services'],
    assertion: '',
    logger,
    requestId: 'test',
  };
  return (await graphql({ schema, source: query, variableValues: variables, contextValue })) as {
    data?: T;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

async function must<T = any>(query: string, variables: Record<string, unknown> = {}, principal = xiangfenAdmin) {
  const result = await request<T>(query, variables, principal);
  expect(result.errors).toBeUndefined();
  return result.data!;
}

const CREATE = `mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { client { id } clientSecret } }`;
const LIST = `query($organisationId: ID, $first: Int, $offset: Int) {
  apiClients(organisationId: $organisationId, first: $first, offset: $offset) {
    totalCount nodes { id name scopes deactivatedAt organisation { name } jurisdiction { code } }
  }
}`;

let policeApp: string;
let civilApp: string;
let jinjiangApp: string;

beforeAll(async () => {
  setup = await openTestOrm();
  orm = setup.orm;
  ({ schema } = await buildFederatedSchema({
    resolvers: [JurisdictionResolver, OrganisationResolver, ...(account.resolvers ?? [])],
  }));
  const make = async (organisationId: string, name: string, principal: Principal) =>
    (await must(CREATE, { input: { organisationId, name, scopes: ['CASES_READ'] } }, principal)).createApiClient.client
      .id as string;
  policeApp = await make(police.id, '公安警情系统', xiangfenAdmin);
  civilApp = await make(civil.id, '民政救助热线', xiangfenAdmin);
  jinjiangApp = await make(jinjiangCivilAffairs.id, '晋江民政接口', jinjiangAdmin);
}, 120_000);

afterAll(() => setup?.close());

describe('API clients for the console (issue 14 item 5)', () => {
  it('an administrator lists the apps of their county, newest first, with no secret to read back', async () => {
    const { apiClients } = await must(LIST);
    const ids = apiClients.nodes.map((c: { id: string }) => c.id);
    // The demo's own app of the police comes last: it was registered first.
    expect(ids.slice(0, 2)).toEqual([civilApp, policeApp]);
    expect(ids).not.toContain(jinjiangApp);
    expect(apiClients.totalCount).toBe(ids.length);
    expect(apiClients.nodes[1]).toMatchObject({
      name: '公安警情系统',
      scopes: ['CASES_READ'],
      deactivatedAt: null,
      organisation: { name: police.name },
      jurisdiction: { code: XIANGFEN },
    });
    const secretField = await request(`{ apiClients { nodes { secret } } }`);
    expect(secretField.errors?.[0].message).toMatch(/Cannot query field "secret"/);
  });

  it('another county’s administrator sees only their own county’s apps', async () => {
    const { apiClients } = await must(LIST, {}, jinjiangAdmin);
    expect(apiClients.nodes.map((c: { id: string }) => c.id)).toEqual([jinjiangApp]);
  });

  it('one organisation’s apps, by the query’s filter and on the organisation, page by page', async () => {
    const { apiClients } = await must(LIST, { organisationId: police.id });
    expect(apiClients.nodes[0].id).toBe(policeApp);
    expect(apiClients.nodes.every((c: { organisation: { name: string } }) => c.organisation.name === police.name)).toBe(
      true,
    );
    const page = await must(LIST, { first: 1, offset: 1 });
    expect(page.apiClients.nodes).toEqual([expect.objectContaining({ id: policeApp })]);
    const { organisation } = await must(`query($id: ID!) { organisation(id: $id) { apiClients { nodes { id } } } }`, {
      id: civil.id,
    });
    expect(organisation.apiClients.nodes[0]).toEqual({ id: civilApp });
    expect(organisation.apiClients.nodes).not.toContainEqual({ id: policeApp });
    // Xiangfen's police seen by Jinjiang's administrator: its apps lie outside their reach.
    const fromAfar = await must(
      `query($id: ID!) { organisation(id: $id) { apiClients { totalCount } } }`,
      { id: police.id },
      jinjiangAdmin,
    );
    expect(fromAfar.organisation.apiClients.totalCount).toBe(0);
  });

  it('a caseworker without staff:manage is refused the list', async () => {
    const result = await request(LIST, {}, caseworker);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('the organisation picker and deactivation (issue 14 item 5)', () => {
  const FIND = `query($filter: OrganisationFilter) { organisations(filter: $filter, first: 100) { totalCount nodes { name deactivatedAt deactivationReason } } }`;

  it('finds organisations by part of their name within a division, whatever the directory’s size', async () => {
    const { organisations: found } = await must(FIND, { filter: { jurisdictionCode: XIANGFEN, nameContains: '公安' } });
    expect(found.nodes.map((o: { name: string }) => o.name)).toContain(police.name);
    expect(found.nodes.every((o: { name: string }) => o.name.includes('公安'))).toBe(true);
    const none = await must(FIND, { filter: { nameContains: '%' } });
    expect(none.organisations.totalCount).toBe(0);
    const tooLong = await request(FIND, { filter: { nameContains: '公'.repeat(101) } });
    expect(tooLong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.nameContains' });
  });

  it('a deactivated organisation keeps the reason given and is listed only among the inactive', async () => {
    const created = await must(
      `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id } } }`,
      { input: { name: '襄汾县测试撤并办公室', kind: 'OTHER', jurisdictionCode: XIANGFEN } },
    );
    const id = created.createOrganisation.organisation.id;
    const done = await must(
      `mutation($input: DeactivateOrganisationInput!) { deactivateOrganisation(input: $input) { organisation { deactivatedAt deactivationReason } } }`,
      { input: { id, reason: '机构改革，并入县民政局' } },
    );
    expect(done.deactivateOrganisation.organisation.deactivationReason).toBe('机构改革，并入县民政局');
    const active = await must(FIND, { filter: { nameContains: '测试撤并', active: true } });
    expect(active.organisations.totalCount).toBe(0);
    const inactive = await must(FIND, { filter: { nameContains: '测试撤并', active: false } });
    expect(inactive.organisations.nodes).toEqual([
      expect.objectContaining({ name: '襄汾县测试撤并办公室', deactivationReason: '机构改革，并入县民政局' }),
    ]);
  });
});
