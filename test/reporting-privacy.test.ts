import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import {
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isEnumType,
  isInputObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as demo from '@doudi/shared/demo';
import { SUPERGRAPH_PATH } from '@doudi/gateway';
import { startSystem, type System } from './support/system.js';
import { must, step, type Data } from './support/steps.js';

/**
 * Issue 13 item 2: a reporting caller reaches no personal field anywhere. The test reads the committed supergraph,
 * works out which types carry an assisted family's or person's data, walks every field reachable from every root
 * Query field, and asks each field that leads to such data as the county dashboard (REPORTING) and as its
 * reporting app: each is refused, null or empty. The aggregates answer.
 */
const schema = Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8')).apiSchema().toGraphQLJSSchema();
const objectFields = (type: GraphQLNamedType) => (isObjectType(type) ? Object.values(type.getFields()) : []);

/** Arguments that name a household or a person: a field taking one reads about them. */
const PERSON_ARGUMENTS = new Set(['householdId', 'personId', 'idNumber']);
/** A field that is one record of the type (not a list): a record holding it is about that family too. */
const toOne = (field: GraphQLField<unknown, unknown>) =>
  !isListType(isNonNullType(field.type) ? field.type.ofType : field.type);

/**
 * The types about an assisted family or person: Household and Person (the entities households owns), and every
 * type with a single record of one of them, or a householdId or personId, as a field — closed under that rule, so
 * a referral (its case, its household) is one; a programme or an organisation, which only lists such records, is
 * not, but those list fields are personal fields.
 */
function personBearingTypes(): Set<string> {
  const bearing = new Set(['Household', 'Person']);
  for (let grew = true; grew;) {
    grew = false;
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || bearing.has(type.name)) continue;
      if (['Query', 'Mutation'].includes(type.name) || type.name.endsWith('Payload')) continue;
      const about = objectFields(type).some(
        (f) => PERSON_ARGUMENTS.has(f.name) || (toOne(f) && bearing.has(getNamedType(f.type).name)),
      );
      if (about) {
        bearing.add(type.name);
        grew = true;
      }
    }
    // A type shown only inside such records (a household's incomes, a person's health) is one of them too.
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || bearing.has(type.name)) continue;
      const holders = Object.values(schema.getTypeMap()).filter(
        (t) =>
          isObjectType(t) &&
          !t.name.endsWith('Payload') &&
          t.name !== 'Mutation' &&
          objectFields(t).some((f) => itemType(f).name === type.name),
      );
      // Its own connection holds it too (HouseholdIncomeConnection.nodes): that one does not count either way.
      const own = (t: GraphQLObjectType) => objectFields(t).some((f) => f.name === 'nodes' && itemType(f) === type);
      const others = holders.filter((t) => !own(t as GraphQLObjectType));
      if (others.length && others.every((t) => bearing.has(t.name))) {
        bearing.add(type.name);
        grew = true;
      }
    }
  }
  return bearing;
}
const BEARING = personBearingTypes();

/** A connection's node type, else the type itself. */
function itemType(field: GraphQLField<unknown, unknown>): GraphQLNamedType {
  const named = getNamedType(field.type);
  const nodes = objectFields(named).find((f) => f.name === 'nodes');
  return nodes ? getNamedType(nodes.type) : named;
}

const isPersonal = (field: GraphQLField<unknown, unknown>) =>
  BEARING.has(itemType(field).name) || field.args.some((a) => PERSON_ARGUMENTS.has(a.name));

// ── arguments: real records of the dashboard's own county, so a refusal is a refusal and not a typo ──────────

const household = demo.households[0];
const ids: Record<string, string> = {
  Case: demo.cases[0].id,
  Referral: demo.cases[0].referrals[0].id,
  Household: household.id,
  HouseholdAsOf: household.id,
  Person: household.members[0].id,
  Organisation: demo.organisations.xiangfenCivilAffairs.id,
  Programme: demo.programmes[5].id,
};

function valueFor(arg: GraphQLArgument, returns: GraphQLNamedType): unknown {
  const type = (isNonNullType(arg.type) ? arg.type.ofType : arg.type) as GraphQLInputType;
  const name = getNamedType(type).name;
  if (arg.name === 'householdId') return household.id;
  if (arg.name === 'personId') return household.members[0].id;
  if (arg.name === 'caseId') return demo.cases[0].id;
  if (arg.name === 'idNumber') return '141023197903141234';
  if (arg.name === 'period') return { year: 2026 };
  if (/jurisdiction|code/i.test(arg.name)) return '141023000000';
  if (arg.name === 'id') return ids[returns.name] ?? benefitId;
  if (name === 'Date') return '2026-10-09';
  if (name === 'DateTime') return '2026-10-09T00:00:00.000Z';
  if (name === 'Int') return arg.name === 'year' ? 2026 : 1;
  if (name === 'String') return 'true';
  if (name === 'Boolean') return false;
  if (isListType(type)) return [];
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0].value;
  if (isInputObjectType(named)) {
    const required = Object.values(named.getFields()).filter((f) => isNonNullType(f.type));
    return Object.fromEntries(required.map((f) => [f.name, valueFor(f as unknown as GraphQLArgument, returns)]));
  }
  throw new Error(`no value for ${arg.name}: ${String(arg.type)}`);
}

interface Step {
  field: GraphQLField<unknown, unknown>;
  returns: GraphQLNamedType;
}

/** The document asking a path of fields, required arguments filled in; the last field selects just enough. */
function documentFor(path: Step[]): { query: string; variables: Data } {
  const variables: Data = {};
  const declarations: string[] = [];
  let counter = 0;
  const call = ({ field, returns }: Step) => {
    const args = field.args
      .filter((a) => isNonNullType(a.type))
      .map((a) => {
        const name = `v${counter++}`;
        variables[name] = valueFor(a, returns);
        declarations.push(`$${name}: ${String(a.type)}`);
        return `${a.name}: $${name}`;
      });
    return `${field.name}${args.length ? `(${args.join(', ')})` : ''}`;
  };
  const last = path[path.length - 1];
  const named = getNamedType(last.field.type);
  const connection = objectFields(named).some((f) => f.name === 'nodes');
  const tail =
    isScalarType(named) || isEnumType(named) ? '' : connection ? '{ nodes { __typename } }' : '{ __typename }';
  const body = path.reduceRight(
    (inner, s, i) => (i === path.length - 1 ? `${call(s)} ${tail}` : `${call(s)} { ${inner} }`),
    '',
  );
  return { query: `query${declarations.length ? `(${declarations.join(', ')})` : ''} { ${body} }`, variables };
}

/**
 * Paths from the root Query fields to personal fields, through fields that are not personal themselves, up to four
 * fields deep, never through the same type twice in one path; at most ten paths to each personal field of a
 * type (the first ones, breadth first), so that every way in is tried without asking the same thing a hundred times.
 */
function personalPaths(): Step[][] {
  const paths: Step[][] = [];
  const perField = new Map<string, number>();
  let frontier: Step[][] = [[]];
  for (let depth = 0; depth < 4 && frontier.length; depth++) {
    const next: Step[][] = [];
    for (const path of frontier) {
      const parent = path.length ? getNamedType(path[path.length - 1].field.type) : schema.getQueryType()!;
      for (const field of objectFields(parent)) {
        const step: Step = { field, returns: itemType(field) };
        const type = getNamedType(field.type);
        if (isPersonal(field)) {
          const key = `${parent.name}.${field.name}`;
          if ((perField.get(key) ?? 0) < 10) paths.push([...path, step]);
          perField.set(key, (perField.get(key) ?? 0) + 1);
        } else if (isObjectType(type) && ![parent, ...path.map((s) => getNamedType(s.field.type))].includes(type)) {
          next.push([...path, step]);
        }
      }
    }
    frontier = next;
  }
  return paths;
}
const PATHS = personalPaths();

/** Every value at the end of the path in an answer: each must be null, an empty list or an empty connection. */
function leaves(value: unknown, depth: number): unknown[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((v) => leaves(v, depth));
  if (depth === 0) return [value];
  const object = value as Data;
  const key = Object.keys(object)[0];
  return leaves(object[key], depth - 1);
}
const empty = (leaf: unknown) =>
  leaf === null ||
  (Array.isArray(leaf) && leaf.length === 0) ||
  (typeof leaf === 'object' && Array.isArray((leaf as Data).nodes) && (leaf as Data).nodes.length === 0);

let system: System;
let benefitId: string;
const tokens: Record<'REPORTING account' | 'reporting app', string> = {} as never;

beforeAll(async () => {
  system = await startSystem({ demoData: true });
  // A benefit in the county, so that `benefit(id)` asks for a real one.
  const caseworker = await system.signIn('xincheng.caseworker', demo.DEMO_PASSWORD);
  benefitId = (
    await step(system, caseworker, 'grantBenefit', 'benefit { id }', {
      programmeId: demo.programmes[5].id,
      householdId: household.id,
      amount: '500',
      grantedOn: '2026-10-09',
    })
  ).benefit.id;
  tokens['REPORTING account'] = await system.signIn('xiangfen.dashboard', demo.DEMO_PASSWORD);
  const app = demo.apiClients.find((c) => (c.scopes as readonly string[]).includes('reports:read'))!;
  tokens['reporting app'] = (
    await must(system, null, `mutation($i: ClientCredentialsInput!) { issueClientToken(input: $i) { accessToken } }`, {
      i: { clientId: app.id, clientSecret: app.secret },
    })
  ).issueClientToken.accessToken;
});
afterAll(() => system?.stop());

describe('what the schema says carries personal data', () => {
  it('finds households, persons, cases, referrals, benefits and the records around them', () => {
    expect([...BEARING]).toEqual(
      expect.arrayContaining(['Household', 'Person', 'Case', 'Referral', 'Benefit', 'Visit', 'HouseholdIncome']),
    );
    expect(BEARING.size).toBeGreaterThan(15);
    expect(BEARING.has('Organisation') || BEARING.has('Jurisdiction') || BEARING.has('Programme')).toBe(false);
  });

  it('reaches them from the root fields and through the directory (me, organisations, joint meetings)', () => {
    const names = PATHS.map((p) => p.map((s) => s.field.name).join('.'));
    expect(names).toEqual(expect.arrayContaining(['household', 'cases', 'benefits', 'screen', 'personByIdNumber']));
    const through = (type: string) => PATHS.some((p) => p.slice(0, -1).some((s) => s.returns.name === type));
    expect(['Organisation', 'Viewer', 'JointMeeting'].filter(through)).toEqual([
      'Organisation',
      'Viewer',
      'JointMeeting',
    ]);
    expect(PATHS.length).toBeGreaterThan(12);
  });
});

/** The paths whose answer, as `token`, holds a family's or person's record. */
async function leaking(token: string): Promise<string[]> {
  const names: string[] = [];
  for (const path of PATHS) {
    const { query, variables } = documentFor(path);
    const result = await system.queryAs(token, query, variables);
    const found = leaves(result.data?.[path[0].field.name], path.length - 1);
    if (found.some((leaf) => !empty(leaf))) names.push(path.map((s) => s.field.name).join('.'));
  }
  return names;
}

describe('the walk itself', () => {
  it('finds personal data where the county administrator may read it (so it would notice a leak)', async () => {
    const admin = await system.signIn('xiangfen.admin', demo.DEMO_PASSWORD);
    expect(await leaking(admin)).toEqual(
      expect.arrayContaining(['household', 'households', 'person', 'case', 'cases', 'referrals', 'benefit']),
    );
  });
});

for (const who of ['REPORTING account', 'reporting app'] as const) {
  describe(`the ${who}`, () => {
    it('is refused, or finds nothing, at every field that leads to a family or a person', async () => {
      const reached: string[] = [];
      for (const path of PATHS) {
        const { query, variables } = documentFor(path);
        const result = await system.queryAs(tokens[who], query, variables);
        const name = path.map((s) => s.field.name).join('.');
        for (const error of result.errors ?? []) {
          expect(error.extensions?.code, `${name}: ${error.message}`).not.toBe('INTERNAL_SERVER_ERROR');
        }
        const found = leaves(result.data?.[path[0].field.name], path.length - 1);
        expect(
          found.filter((leaf) => !empty(leaf)),
          name,
        ).toEqual([]);
        // Where the parent answered, the personal field was really asked (not skipped by an empty parent).
        if (path.length > 1 && result.data?.[path[0].field.name]) reached.push(name);
      }
      expect(reached.length, 'nested personal fields asked under a parent that answered').toBeGreaterThan(0);
    });

    it('reads the aggregates of its county', async () => {
      const data = await must(
        system,
        tokens[who],
        `{ c: caseStatistics(jurisdictionCode: "141023000000", period: { year: 2026 }) { opened { total { suppressed } } }
           r: referralStatistics(jurisdictionCode: "141023000000", period: { year: 2026 }) { sent { total { suppressed } } }
           b: benefitStatistics(jurisdictionCode: "141023000000", period: { year: 2026 }) { granted { total { suppressed } } }
           h: householdStatistics(jurisdictionCode: "141023000000", period: { year: 2026 }) { households { total { suppressed } } } }`,
      );
      expect(Object.keys(data)).toEqual(['c', 'r', 'b', 'h']);
    });
  });
}
