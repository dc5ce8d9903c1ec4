import type { System } from '../support/system.js';

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

/** `mutation($input: <Type>Input!) { <name>(input: $input) { <selection> } }`, answering the payload. */
const SHARED_INPUTS: Record<string, string> = {
  approveBenefit: 'DecideBenefitInput',
  rejectBenefit: 'DecideBenefitInput',
};

export function mutation(name: string, selection: string) {
  const inputType = SHARED_INPUTS[name] ?? `${name.charAt(0).toUpperCase()}${name.slice(1)}Input`;
  return `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} } }`;
}

/** The same step as `mutation`, returning the raw result so a test can read the error. */
export async function attempt(system: System, token: string | null, name: string, selection: string, input: Data) {
  const document = mutation(name, selection);
  return token === null ? system.query(document, { input }) : system.queryAs(token, document, { input });
}

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
