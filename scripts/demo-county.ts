import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { ENV, type Logger } from '@doudi/shared';

/**
 * The demo's generated county (issue 13 item 6): 洪洞县 beside the demo's 襄汾县 under 临汾市, 300 generated households
 * with their cases, referrals and relief, so that every report has something real to count. Written once, by the
 * generator (npm run generate), after the subgraphs have migrated their schemas; development only.
 */
export const DEMO_COUNTY = { city: '1410', countyCode: '141024000000', households: 300, seed: 'demo' } as const;

export async function ensureDemoCounty(root: string, env: NodeJS.ProcessEnv, logger: Logger): Promise<void> {
  const client = new pg.Client({ connectionString: env[ENV.databaseUrlAdmin] });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from organisations.jurisdiction where code = $1', [
      DEMO_COUNTY.countyCode,
    ]);
    if (rowCount) return;
  } finally {
    await client.end();
  }
  const started = Date.now();
  const args = ['--households', String(DEMO_COUNTY.households), '--city', DEMO_COUNTY.city, '--seed', DEMO_COUNTY.seed];
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'scripts', 'generate', 'main.ts'), ...args, '--if-absent'],
    { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code === 0) logger.info({ ms: Date.now() - started, ...DEMO_COUNTY }, 'demo county generated');
  // The demo runs without it: a failure is reported, not fatal.
  else logger.warn({ code, errors: errors.slice(-2_000) }, 'the demo county could not be generated');
}
