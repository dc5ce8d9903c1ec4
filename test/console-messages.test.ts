import { describe, expect, it } from 'vitest';
import englishMessages from 'ra-language-english';
import { reactAdminChinese } from '../admin/src/i18n/react-admin-zh.js';

/** Every key path of a nested message object, e.g. ra.action.save. */
const keys = (value: unknown, prefix = ''): string[] =>
  typeof value === 'string'
    ? [prefix]
    : Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));

describe('the console’s Chinese for react-admin’s own messages', () => {
  it('translates exactly the keys of ra-language-english, so no label falls back to English or to a key', () => {
    expect(keys(reactAdminChinese).sort()).toEqual(keys(englishMessages).sort());
  });

  // Chinese has one form for every count, so it follows the English plural form (after ||||).
  it('keeps every placeholder of the English message (its plural form where it has two)', () => {
    const placeholders = (text: string) => [...text.matchAll(/%\{(\w+)\}/g)].map((m) => m[1]).sort();
    const at = (messages: unknown, path: string) =>
      path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], messages) as string;
    for (const path of keys(englishMessages)) {
      const english = placeholders(at(englishMessages, path).split('||||').at(-1)!);
      expect(placeholders(at(reactAdminChinese, path)), path).toEqual(expect.arrayContaining(english));
    }
  });
});
