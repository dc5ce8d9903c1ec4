// npm start. Runs the compiled services (`npm run build`: scripts/dist/start.js and every workspace's dist/) with
// plain node, which starts in a fraction of the time the TypeScript sources take through tsx (README, "Quick
// start"). On a fresh checkout, with no build yet, it builds once first. In development, when sources changed
// since the last build, it runs them through tsx instead (no rebuild on every start), and says so; production
// (NODE_ENV=production) always runs the build and refuses to start without one (README, "Running in production").
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const production = process.env.NODE_ENV === 'production';
const compiled = join(root, 'scripts', 'dist', 'start.js');
const WORKSPACES = [
  'shared',
  'gateway',
  'subgraphs/organisations',
  'subgraphs/households',
  'subgraphs/programmes',
  'subgraphs/cases',
];

/** The newest modification time of a file under `path`, 0 when there is none. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newest(join(path, name))), 0);
}

/** Every workspace's build exists; `fresh` when each is newer than its sources (and start.js than scripts/*.ts). */
function build() {
  const outputs = WORKSPACES.map((folder) => join(root, folder, 'dist', folder === 'shared' ? 'index.js' : 'main.js'));
  if (![compiled, ...outputs].every((file) => existsSync(file))) return { exists: false, fresh: false };
  const scripts = readdirSync(join(root, 'scripts'))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(root, 'scripts', name));
  const fresh =
    WORKSPACES.every((folder, i) => statSync(outputs[i]).mtimeMs >= newest(join(root, folder, 'src'))) &&
    statSync(compiled).mtimeMs >= Math.max(...scripts.map(newest));
  return { exists: true, fresh };
}

let state = build();
if (production && !state.exists) {
  console.error('NODE_ENV=production runs the compiled services: run `npm run build` first.');
  process.exit(1);
}
if (!production && !state.exists) {
  console.log('No build yet: building once (npm run build), so that every later start runs compiled JavaScript.');
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  // The services may have compiled even if a later step failed (the console is built again, or reported, below).
  state = build();
  if (built.status !== 0)
    console.warn(
      state.fresh
        ? 'The build did not finish; the services compiled, so they run compiled.'
        : 'The build failed: starting from the TypeScript sources instead.',
    );
}
const runCompiled = production || state.fresh;
if (!production && state.exists && !state.fresh)
  console.log('Sources changed since the last build: running them through tsx (`npm run build` for the faster start).');
const args = runCompiled ? ['--conditions=compiled', compiled] : ['--import', 'tsx', join(root, 'scripts', 'start.ts')];
const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
// The child stops the services on SIGINT/SIGTERM; we only pass the signal on and wait for it.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
