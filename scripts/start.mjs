// npm start. Development runs scripts/start.ts from source through tsx; production (NODE_ENV=production) runs
// its compiled copy with plain node, after `npm run build` (README, "Running in production").
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const production = process.env.NODE_ENV === 'production';
const compiled = join(root, 'scripts', 'dist', 'start.js');
if (production && !existsSync(compiled)) {
  console.error('NODE_ENV=production runs the compiled services: run `npm run build` first.');
  process.exit(1);
}
const args = production ? ['--conditions=compiled', compiled] : ['--import', 'tsx', join(root, 'scripts', 'start.ts')];
const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
// The child stops the services on SIGINT/SIGTERM; we only pass the signal on and wait for it.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
