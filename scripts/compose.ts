/** npm run compose: prints every subgraph's SDL to schema/ and composes schema/supergraph.graphql. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMA_DIR, schemaFiles } from './schema-files.js';

try {
  for (const [file, content] of Object.entries(await schemaFiles())) {
    writeFileSync(join(SCHEMA_DIR, file), content);
    console.log(`wrote schema/${file}`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
