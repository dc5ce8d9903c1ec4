import { resolve } from 'node:path';
import madge from 'madge';
import { describe, expect, it } from 'vitest';

/**
 * No module imports itself back, type-only imports included: each aggregate folder's face (index.ts) is
 * imported by its subgraph's assembly files, and a folder reaches the request context only as a type built
 * from the folders' loaders files, never through the faces (docs/architecture.md, "How to add an aggregate").
 */
describe('the import graph of the workspaces', () => {
  it('has no import cycles, counting type-only imports', { timeout: 60_000 }, async () => {
    const graph = await madge(['subgraphs', 'shared', 'gateway'], {
      baseDir: resolve(import.meta.dirname, '..'),
      fileExtensions: ['ts'],
      excludeRegExp: [/node_modules/, /\/dist\//],
    });
    expect(Object.keys(graph.obj()).length).toBeGreaterThan(300);
    expect(graph.circular()).toEqual([]);
  });
});
