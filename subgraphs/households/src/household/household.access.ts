import type { FilterQuery } from '@mikro-orm/postgresql';
import { can, forbidden, listScope, requirePermission, type Permission, type Principal } from '@doudi/shared';
import type { Household } from './household.entity.js';

/**
 * 河鱼府发【2021】39号 二(二): for a family living away from its hukou place, "居住地负责承担主动发现责任，主动配合户籍地
 * 落实救助办理" — the place of residence discovers, the hukou place decides. Both see and keep its facts.
 */
export function reaches(
  principal: Principal,
  permission: Permission,
  household: Pick<Household, 'jurisdictionCode' | 'residenceJurisdictionCode'>,
) {
  return (
    can(principal, permission, household.jurisdictionCode) ||
    (household.residenceJurisdictionCode !== null && can(principal, permission, household.residenceJurisdictionCode))
  );
}

export function assertReaches(
  principal: Principal,
  permission: Permission,
  household: Pick<Household, 'jurisdictionCode' | 'residenceJurisdictionCode'>,
) {
  requirePermission(principal, permission);
  if (!reaches(principal, permission, household)) {
    throw forbidden(`This household lives and is registered outside your jurisdiction`, { permission });
  }
}

/** The households a list may show: registered or living in the caller's subtree (and the filter's). */
export function visibleHouseholds(principal: Principal, filterCode?: string | null): FilterQuery<Household> | null {
  const scope = listScope(principal, 'households:read', filterCode);
  if (scope === null) return null;
  return { $or: [{ jurisdictionCode: { $like: `${scope}%` } }, { residenceJurisdictionCode: { $like: `${scope}%` } }] };
}
