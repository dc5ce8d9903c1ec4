import { describe, expect, it } from 'vitest';
import type { Principal } from '@doudi/shared';
import { snapshotOf } from '../history/history.service.js';
import { Person } from './person.entity.js';
import { HEALTH_FIELDS, isSensitiveField, mayRead, SENSITIVE_FIELDS, visibleFields } from './person.privacy.js';
import { IMPORT_COLUMNS } from '../import/import.columns.js';

const staff = (roles: Principal['roles']): Principal => ({
  kind: 'STAFF',
  id: '019a0000-0000-7000-8000-0000000000b1',
  organisationId: null,
  jurisdictionCode: '141023000000',
  roles,
  scopes: [],
});
const here = { jurisdictionCode: '141023100000', residenceJurisdictionCode: null };
const elsewhere = { jurisdictionCode: '350582100000', residenceJurisdictionCode: null };

describe('the one table of sensitive fields', () => {
  it('covers every health and disability fact a history snapshot keeps', () => {
    const recorded = Object.keys(snapshotOf(new Person()));
    expect(HEALTH_FIELDS.every((field) => recorded.includes(field))).toBe(true);
    expect(Object.keys(SENSITIVE_FIELDS).sort()).toEqual([...HEALTH_FIELDS].sort());
  });

  it('lets a caseworker of the place read them, and no one from elsewhere or without the permission', () => {
    expect(mayRead(staff(['CASEWORKER']), here, 'seriousIllness')).toBe(true);
    expect(mayRead(staff(['CASEWORKER']), elsewhere, 'seriousIllness')).toBe(false);
    expect(mayRead(staff(['AGENCY_STAFF']), here, 'seriousIllness')).toBe(false);
    expect(mayRead(staff(['AGENCY_STAFF']), here, 'name')).toBe(true);
  });

  it('never lets a sealed value through, and masks an ID or phone number found in clear', () => {
    const record = {
      name: '王某',
      chronicIllness: true,
      idNumberSealed: 'sealed',
      idNumberHash: 'hash',
      idNumberMasked: '14102319700101001X',
      phoneMasked: '13812345678',
    };
    expect(visibleFields(staff(['JURISDICTION_ADMIN']), here, record)).toEqual({
      name: '王某',
      chronicIllness: true,
      idNumberMasked: '141023********001X',
      phoneMasked: '138****5678',
    });
    expect(visibleFields(staff(['AGENCY_STAFF']), here, record)).toEqual({
      name: '王某',
      idNumberMasked: '141023********001X',
      phoneMasked: '138****5678',
    });
  });

  it('makes an import report leave out the value of a sensitive column it cannot read', () => {
    for (const column of IMPORT_COLUMNS) {
      if (column.target !== 'person' || !isSensitiveField(column.field)) continue;
      const problem = (() => {
        try {
          column.parse('晚期癌症');
        } catch (error) {
          return (error as Error).message;
        }
      })();
      expect(problem, column.field).toBeDefined();
      expect(problem, column.field).not.toContain('晚期癌症');
    }
  });
});
