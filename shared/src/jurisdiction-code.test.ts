import { describe, expect, it } from 'vitest';
import {
  ancestorCandidates,
  nearestPublished,
  assertJurisdictionCode,
  codePrefix,
  isJurisdictionCode,
  levelOfCode,
} from './jurisdiction-code.js';

describe('statistical division codes', () => {
  it('reads the level from where the zeros begin', () => {
    expect(levelOfCode('140000000000')).toBe('PROVINCE');
    expect(levelOfCode('141000000000')).toBe('CITY');
    expect(levelOfCode('141023000000')).toBe('COUNTY');
    expect(levelOfCode('500229218000')).toBe('TOWNSHIP');
    expect(levelOfCode('500229218001')).toBe('VILLAGE');
  });

  it('gives the prefix shared by everything below a division', () => {
    expect(codePrefix('141023000000')).toBe('141023');
    expect(codePrefix('500229218000')).toBe('500229218');
    expect(codePrefix('350000000000')).toBe('35');
  });

  it('refuses codes of the wrong length, with letters, or outside any province', () => {
    expect(isJurisdictionCode('141023')).toBe(false);
    expect(isJurisdictionCode('14102300000X')).toBe(false);
    expect(isJurisdictionCode('991023000000')).toBe(false);
    expect(() => assertJurisdictionCode('input.code', '1410')).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'input.code' } }),
    );
  });
});

describe('ancestor candidates', () => {
  it('lists the codes above a division, province first', () => {
    expect(ancestorCandidates('141023100000')).toEqual(['140000000000', '141000000000', '141023000000']);
    expect(ancestorCandidates('500229218001')).toEqual([
      '500000000000',
      '500200000000',
      '500229000000',
      '500229218000',
    ]);
    expect(ancestorCandidates('140000000000')).toEqual([]);
  });
});

describe('settings along the tree', () => {
  it('take the nearest published: the county’s over the city’s, the city’s where the county has none', () => {
    const rows = [
      { code: '141000000000', v: 'city' },
      { code: '141023000000', v: 'county' },
      { code: '350582000000', v: 'elsewhere' },
    ];
    expect(nearestPublished('141023100000', rows, (r) => r.code)?.v).toBe('county');
    expect(nearestPublished('141024000000', rows, (r) => r.code)?.v).toBe('city');
    expect(nearestPublished('500229000000', rows, (r) => r.code)).toBeUndefined();
  });
});
