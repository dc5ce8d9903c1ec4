import { assertNotAtVillage, atVillage, badInput, forbidden, requirePermission, type Principal } from '@doudi/shared';
import { CaseChannel } from '../case/case.enums.js';
import type { FamilyFacts } from '../case/case.household.js';
import { organisationPlace } from '../remote/organisations.js';
import { townshipOf } from './discovery.events.js';
import type { Context } from '../context.js';

interface Opening {
  channel: CaseChannel;
  jurisdictionCode: string;
  leadOrganisationId: string;
  originOrganisationId: string | null;
}

/**
 * 河鱼府发【2021】39号 二(一)(二): a village point or village committee submits what it finds to its township's station
 * (各村（社区）主动发现救助材料统一交乡主动发现救助指挥站办公室). From a village-level account openCase takes only a
 * VILLAGE_DISCOVERY lead (any other channel is an application, taken by the township: FORBIDDEN), opened in the
 * village's township, led by an organisation of that township, with the village's organisation as its origin.
 * Answers the values to open with; the family's places are checked once read (assertFamilyOfVillage).
 */
export async function villageLead<T extends Opening>(ctx: Context, values: T): Promise<T> {
  const { principal } = ctx;
  if (values.channel !== CaseChannel.VILLAGE_DISCOVERY) {
    assertNotAtVillage(principal, `taking a ${values.channel} application`);
  }
  requirePermission(principal, 'cases:write');
  const own = principal.organisationId;
  if (!own) throw forbidden('Only a member of a village point or committee submits its leads', { field: 'input' });
  const township = townshipOf(principal.jurisdictionCode!);
  if (values.jurisdictionCode !== township) {
    throw badInput('input.jurisdictionCode', `A village's lead goes to its township, ${township}`);
  }
  if (values.originOrganisationId !== null && values.originOrganisationId !== own) {
    throw badInput('input.originOrganisationId', 'A village submits its own leads: the origin is your organisation');
  }
  if (values.leadOrganisationId === own) {
    throw badInput(
      'input.leadOrganisationId',
      'The township receives the lead (its assistance station or civil-affairs office), not the village',
    );
  }
  const lead = await organisationPlace(ctx, values.leadOrganisationId);
  if (lead.jurisdictionCode !== township) {
    throw badInput('input.leadOrganisationId', `The lead goes to an organisation of ${township}, not ${lead.name}`);
  }
  return { ...values, originOrganisationId: own };
}

/** A village submits leads about the families it serves: registered or living in the village. */
export function assertFamilyOfVillage(principal: Principal, facts: FamilyFacts): void {
  if (!atVillage(principal)) return;
  const village = principal.jurisdictionCode!;
  const places = [facts.householdJurisdictionCode, facts.residenceJurisdictionCode];
  if (!places.some((code) => code === village)) {
    throw forbidden(
      'The family neither lives nor is registered in your village; its own village or township reports it',
      {
        field: 'input.householdId',
      },
    );
  }
}
