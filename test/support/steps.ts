/**
 * The one set of step helpers for tests through the gateway: `must` runs a document and answers its data (errors
 * fail the test), `step` runs one mutation step and answers its payload, `attempt` runs it and answers the raw
 * result for a test that reads the error; `ok`, `failure`, `codeOf` and `mutation` come from @doudi/shared/testing.
 */
import { codeOf, failure, mutation, ok } from '@doudi/shared/testing';
import type { System } from './system.js';

export { codeOf, failure, mutation, ok };

export type Data = Record<string, any>;

/** Runs one operation as `token` (null: the system operator) and returns its data; fails loudly on errors. */
export async function must(
  system: System,
  token: string | null,
  document: string,
  variables: Data = {},
): Promise<Data> {
  const result =
    token === null ? await system.query(document, variables) : await system.queryAs(token, document, variables);
  if (result.errors?.length || !result.data)
    throw new Error(`${document.slice(0, 60)}…: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** The same step as `mutation`, returning the raw result so a test can read the error. */
export async function attempt(system: System, token: string | null, name: string, selection: string, input: Data) {
  const document = mutation(name, selection);
  return token === null ? system.query(document, { input }) : system.queryAs(token, document, { input });
}

/** Runs one mutation step and answers its payload; an error fails the test. */
export async function step(system: System, token: string | null, name: string, selection: string, input: Data) {
  return (await must(system, token, mutation(name, selection), { input }))[name];
}

export const CASE_FIELDS = `id version stage status greenChannel
  tasks { id kind status dueDate dueRule completedOn }`;
export const REFERRAL_FIELDS = `id version status dueDate dueRule overdue`;

export async function createHousehold(system: System, token: string, input: Data) {
  const payload = await step(system, token, 'createHousehold', 'household { id members { nodes { id } } }', input);
  return {
    id: payload.household.id as string,
    members: payload.household.members.nodes.map((m: { id: string }) => m.id) as string[],
  };
}

export async function createOrganisation(system: System, input: Data): Promise<string> {
  return (await step(system, null, 'createOrganisation', 'organisation { id }', input)).organisation.id;
}

export async function createStaffAndSignIn(system: System, input: Data): Promise<string> {
  await step(system, null, 'createStaffAccount', 'account { id }', { password: 'scenario-pass-2026', ...input });
  return system.signIn(input.username as string, 'scenario-pass-2026');
}

/** The open task of a kind, as the case lists it. */
export const taskOf = (c: Data, kind: string) => (c.tasks as Data[]).find((t) => t.kind === kind)!;
