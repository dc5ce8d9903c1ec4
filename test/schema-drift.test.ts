import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_DIR, schemaFiles } from '../scripts/schema-files.js';

describe('the committed SDL under schema/', () => {
  it('matches what the code prints and composes (run `npm run compose` after changing the schema)', async () => {
    const files = await schemaFiles();
    expect(Object.keys(files).sort()).toEqual([
      'cases.graphql',
      'households.graphql',
      'organisations.graphql',
      'programmes.graphql',
      'supergraph.graphql',
    ]);
    for (const [file, content] of Object.entries(files)) {
      expect(readFileSync(join(SCHEMA_DIR, file), 'utf8'), `schema/${file} is stale`).toBe(content);
    }
  });

  it('keeps federation directives the gateway cannot enforce out of the supergraph (docs/architecture.md, Security model)', () => {
    const supergraph = readFileSync(join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8');
    expect(supergraph).not.toMatch(/@authenticated|@requiresScopes|@policy/);
  });
});
