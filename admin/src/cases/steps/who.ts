/*
 * Who may take which step, as far as the page can tell (the cases subgraph's case.access.ts); the API has the last
 * word, and its refusal is shown in words.
 */
import type { Viewer } from '../../auth/auth-provider';
import { today } from '../../format';
import type { CaseRecord } from '../data';
import type { Step, StepField } from './step';

/** The day a step happened: the API defaults it to today and refuses a later one. */
export const stepDate = (name: string, label?: string): StepField => ({
  name,
  kind: 'date',
  notFuture: true,
  defaultValue: today(),
  label,
});
export const RECEIVED = 'doudi.cases.fields.receivedOn_step';

/** Those who oversee the case's jurisdiction act for any organisation in it (case.access.ts in the cases subgraph). */
export function oversees(viewer: Viewer, found: CaseRecord): boolean {
  const own = viewer.jurisdiction;
  if (!viewer.permissions.includes('CASES_OVERSEE') || !own) return false;
  if (viewer.roles.includes('SYSTEM_ADMIN')) return true;
  const digits = { PROVINCE: 2, CITY: 4, COUNTY: 6, TOWNSHIP: 9, VILLAGE: 12 }[own.level as string] ?? 12;
  return found.jurisdiction.code.startsWith(own.code.slice(0, digits));
}

export const mine = (viewer: Viewer, ...ids: (string | null | undefined)[]) =>
  !!viewer.organisation && ids.includes(viewer.organisation.id);

/** The lead's steps: its own staff, the window or office where the workflow hands it to them, or an overseer. */
export function leads(viewer: Viewer, found: CaseRecord) {
  return (
    oversees(viewer, found) ||
    mine(viewer, found.leadOrganisation.id, found.windowOrganisation?.id, found.officeOrganisation?.id)
  );
}

/** A step of plain fields whose call needs nothing beyond the form's values. */
export const simple = (id: string, run: Step['run'], fields: StepField[]): Step => ({
  id,
  fields,
  run,
});
