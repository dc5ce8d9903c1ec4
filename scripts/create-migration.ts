/**
 * npm run migration:create -- <subgraph>
 * Starts a throwaway PostgreSQL, applies the subgraph's committed migrations, asks MikroORM what the
 * entities still need, and writes that as the next migration (registered in migrations/index.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freePort,
  provisionSubgraph,
  openOrm,
  startEmbeddedPostgres,
  ensureDatabase,
  SUBGRAPHS,
  type SubgraphName,
} from '@doudi/shared';
import { definitions } from './subgraphs.js';

const name = process.argv[2] as SubgraphName;
if (!SUBGRAPHS.includes(name)) throw new Error(`usage: npm run migration:create -- <${SUBGRAPHS.join('|')}>`);
const definition = definitions[name];

const dir = mkdtempSync(join(tmpdir(), 'doudi-migration-'));
const db = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: await freePort(), persistent: false });
try {
  const url = await provisionSubgraph(await ensureDatabase(db.url, 'doudi'), name);
  const orm = await openOrm({
    subgraph: name,
    clientUrl: url,
    entities: definition.entities,
    migrations: definition.migrations,
  });
  const sql = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, safe: false });
  await orm.close();
  if (!sql.trim()) {
    console.log(`${name}: the entities and the migrations agree; nothing to write.`);
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const className = `Migration${stamp}`;
    const folder = join('subgraphs', name, 'src', 'migrations');
    const statements = sql
      .split(/;\s*\n/)
      .map((s) => s.trim())
      .filter((s) => s && !s.startsWith('create schema'));
    writeFileSync(
      join(folder, `${className}.ts`),
      `import { Migration } from '@mikro-orm/migrations';\n\nexport class ${className} extends Migration {\n  override async up(): Promise<void> {\n${statements
        .map((s) => `    this.addSql(${JSON.stringify(s)});`)
        .join('\n')}\n  }\n}\n`,
    );
    const indexFile = join(folder, 'index.ts');
    const index = readFileSync(indexFile, 'utf8')
      .replace(/^(import type .*\n)/, `$1import { ${className} } from './${className}.js';\n`)
      .replace(
        /= \[(.*)\];/s,
        (_all, list: string) =>
          `= [${list.trim() ? `${list.trim().replace(/,$/, '')}, ` : ''}{ name: '${className}', class: ${className} }];`,
      );
    writeFileSync(indexFile, index);
    // Written in the project's format, so `npm run check` passes without a manual step.
    execFileSync(process.execPath, [
      join('node_modules', 'prettier', 'bin', 'prettier.cjs'),
      '--write',
      join(folder, `${className}.ts`),
      indexFile,
    ]);
    console.log(`${name}: wrote ${className} with ${statements.length} statements.`);
  }
} finally {
  await db.stop();
  rmSync(dir, { recursive: true, force: true });
}
