// npm run build: compiles every workspace with tsc into its dist/ (and scripts/start.ts into scripts/dist/),
// builds the admin console into admin/dist/ (served by the gateway at /admin/),
// which production runs with `node --conditions=compiled` (README, "Running in production"). The shared
// package comes first: the others read its declarations through the `compiled` export condition.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const SERVICES = [
  'subgraphs/organisations',
  'subgraphs/households',
  'subgraphs/programmes',
  'subgraphs/cases',
  'gateway',
  'scripts',
];

const compile = (folder) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsc, '-p', join(folder, 'tsconfig.build.json')], {
      cwd: root,
      stdio: 'inherit',
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`tsc failed in ${folder}`))));
  });

/** The admin console: typed documents checked against the supergraph, then Vite (admin/README.md). */
const buildConsole = () =>
  new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build', '--workspace', 'admin'], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error('the admin console failed to build'))));
  });

const started = Date.now();
for (const folder of ['shared', ...SERVICES]) rmSync(join(root, folder, 'dist'), { recursive: true, force: true });
try {
  await compile('shared');
  // Two at a time: the machines this runs on have few cores, and tsc is memory-hungry.
  const queue = [...SERVICES];
  const worker = async () => {
    while (queue.length) await compile(queue.shift());
  };
  await Promise.all([worker(), worker()]);
  await buildConsole();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
