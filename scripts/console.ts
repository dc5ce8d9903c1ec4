/**
 * The admin console for `npm start`: built again when any of its sources (or the supergraph its documents are
 * checked against) is newer than the build, or when there is no build. In production it is built by
 * `npm run build` (or the Dockerfile) and only checked here.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const GENERATED = ['schema.graphql', 'graphql-env.d.ts'];

/** The newest modification time under `path` (a file or a folder, recursively). */
function newest(path: string): number {
  if (!existsSync(path) || GENERATED.some((name) => path.endsWith(name))) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export function consoleIsStale(root: string): boolean {
  const built = join(root, 'admin', 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const sources = ['src', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json'].map((p) =>
    join(root, 'admin', p),
  );
  const newestSource = Math.max(...sources.map(newest), newest(join(root, 'schema', 'supergraph.graphql')));
  return newestSource > statSync(built).mtimeMs;
}

export function buildConsole(root: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build', '--workspace', 'admin'], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error('the admin console failed to build'))));
  });
}
