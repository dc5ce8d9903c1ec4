import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createVault } from './vault.js';

describe('the personal-data vault', () => {
  const vault = createVault(randomBytes(32));

  it('gives back what it sealed, and seals the same value differently each time', () => {
    const a = vault.encrypt('141023197903140021');
    const b = vault.encrypt('141023197903140021');
    expect(a).not.toBe(b);
    expect(a).not.toContain('1410231979');
    expect(vault.decrypt(a)).toBe('141023197903140021');
  });

  it('refuses a tampered value', () => {
    const sealed = vault.encrypt('13812345678');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => vault.decrypt(`v1:${raw.toString('base64')}`)).toThrow();
  });

  it('hashes a value the same way every time for lookup, and differently under another key', () => {
    expect(vault.lookupHash('141023197903140021')).toBe(vault.lookupHash('141023197903140021'));
    expect(createVault(randomBytes(32)).lookupHash('141023197903140021')).not.toBe(
      vault.lookupHash('141023197903140021'),
    );
  });
});
