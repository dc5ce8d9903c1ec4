import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLE_PERMISSIONS, ROLES } from '@doudi/shared';
import { ALL_SCOPES, ROLE_SCOPES, ROLES as CONSOLE_ROLES } from '../admin/src/staff/grantable.js';

/** The Scope enum's name of a permission, as organisations prints it (reports:read → REPORTS_READ). */
const scopeName = (permission: string) => permission.toUpperCase().replace(/[:-]/g, '_');

describe('the console’s copy of the roles (admin/src/staff/grantable.ts)', () => {
  it('offers every scope of the API, in its order', () => {
    expect([...ALL_SCOPES]).toEqual(PERMISSIONS.map(scopeName));
  });

  it('gives each role exactly the API’s permissions, so the forms offer what the API grants', () => {
    expect([...CONSOLE_ROLES].sort()).toEqual([...ROLES].sort());
    for (const role of ROLES) {
      expect([...ROLE_SCOPES[role]].sort(), role).toEqual(ROLE_PERMISSIONS[role].map(scopeName).sort());
    }
  });
});
