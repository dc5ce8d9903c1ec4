import { join } from 'node:path';
import { SUBGRAPHS } from '@doudi/shared';
import { composeSupergraph } from '../gateway/src/compose.js';
import { definitions } from './subgraphs.js';

export const SCHEMA_DIR = join(import.meta.dirname, '..', 'schema');

/** What `npm run compose` writes under schema/: each subgraph's SDL and the composed supergraph. */
export async function schemaFiles(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const subgraphs = [];
  for (const name of SUBGRAPHS) {
    const { sdl } = await definitions[name].buildSchema();
    files[`${name}.graphql`] = `${sdl.trim()}\n`;
    subgraphs.push({ name, sdl });
  }
  files['supergraph.graphql'] = `${composeSupergraph(subgraphs).trim()}\n`;
  return files;
}
