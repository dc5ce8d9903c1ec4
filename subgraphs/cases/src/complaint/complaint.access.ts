import { can, forbidden, type Principal } from '@doudi/shared';
import { partiesOf } from '../case/case.access.js';
import type { Context } from '../context.js';
import type { Complaint } from './complaint.entity.js';

/** The county's supervision office (complaints:handle in the complaint's jurisdiction) takes every step. */
export const handles = (principal: Principal, complaint: Pick<Complaint, 'jurisdictionCode'>) =>
  can(principal, 'complaints:handle', complaint.jurisdictionCode);

/** The organisation it is assigned to verifies it. */
export const verifies = (principal: Principal, complaint: Complaint) =>
  principal.organisationId !== null &&
  principal.organisationId === complaint.verifierOrganisationId &&
  can(principal, 'cases:write');

export const seesComplaint = (principal: Principal, complaint: Complaint) =>
  handles(principal, complaint) ||
  (principal.organisationId !== null &&
    principal.organisationId === complaint.verifierOrganisationId &&
    can(principal, 'cases:read'));

/** The organisations complained about: the one named, and those taking part in the case concerned. */
export async function concernedOrganisations(ctx: Context, complaint: Complaint): Promise<Set<string>> {
  const ids = new Set<string>();
  if (complaint.concernedOrganisationId) ids.add(complaint.concernedOrganisationId);
  if (complaint.concernedCaseId) {
    const found = await ctx.loaders.case.load(complaint.concernedCaseId);
    if (found) for (const id of partiesOf(found)) ids.add(id);
  }
  return ids;
}

/**
 * Who complained is read only by complaint handlers who do not work for an organisation complained about
 * (临社救办发〔2015〕3号 二(一); 襄政办发〔2023〕26号 八(五): 防止因信息泄露导致相关人员遭受不法侵害).
 */
export async function readsComplainant(ctx: Context, complaint: Complaint): Promise<boolean> {
  if (!handles(ctx.principal, complaint)) return false;
  const concerned = await concernedOrganisations(ctx, complaint);
  return ctx.principal.organisationId === null || !concerned.has(ctx.principal.organisationId);
}

export async function assertReadsComplainant(ctx: Context, complaint: Complaint) {
  if (!(await readsComplainant(ctx, complaint))) {
    throw forbidden('Who complained is read only by the supervision office, never by those complained about');
  }
}
