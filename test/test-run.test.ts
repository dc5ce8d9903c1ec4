import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '@doudi/shared';
import { testLogFile } from './support/test-logs.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// eslint-disable-next-line no-control-regex -- strips the terminal's colour codes
const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

describe('a test run', () => {
  it("writes the services' logs, from info up, to the test file's log, not to the run's output", () => {
    createLogger('organisations').info('a line from this very test');
    const log = readFileSync(testLogFile(fileURLToPath(import.meta.url)), 'utf8');
    expect(log).toContain('"msg":"a line from this very test"');
    expect(log).toContain('"service":"organisations"');
  });

  it('prints a failing test’s service logs under its failure, and no passing test’s', () => {
    // test/support/fixtures/logs.fixture.ts: one test passes and one fails, each logging one line.
    const run = spawnSync('npx', ['vitest', 'run', '--config', 'test/support/fixtures/vitest.config.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, VITEST: undefined, NO_COLOR: '1' },
      timeout: 120_000,
    });
    const output = plain(run.stdout + run.stderr);
    expect(run.status).toBe(1);
    expect(output).toContain('logged by the failing test');
    expect(output).not.toContain('logged by the passing test');
    const file = '.data/test-logs/test/support/fixtures/logs.fixture.ts.log';
    expect(output).toContain(`service logs while this test ran, 1 line; all of this file's: ${file}`);
    expect(output).toMatch(new RegExp(`Service logs of the files that failed:\\n  ${file.replace(/\./g, '\\.')}`));
    expect(output).toMatch(/\n1 passed, 1 failed, 0 skipped\n/);
    const log = readFileSync(join(ROOT, file), 'utf8');
    expect(log).toContain('logged by the passing test');
    expect(log).toContain('logged by the failing test');
  });
});

describe('.ci/run', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** .ci/run in a repository of its own, with an `npm` that records its calls and may rewrite the lock. */
  function ci(install: { changesLock: boolean }) {
    const dir = mkdtempSync(join(tmpdir(), 'doudi-ci-'));
    dirs.push(dir);
    mkdirSync(join(dir, '.ci'));
    mkdirSync(join(dir, 'bin'));
    copyFileSync(join(ROOT, '.ci/run'), join(dir, '.ci/run'));
    writeFileSync(join(dir, 'package-lock.json'), '{ "lockfileVersion": 3 }\n');
    const npm = join(dir, 'bin', 'npm');
    writeFileSync(
      npm,
      [
        '#!/bin/sh',
        `echo "npm $*" >> "${join(dir, 'calls')}"`,
        install.changesLock
          ? `[ "$1" = install ] && echo '{ "lockfileVersion": 3, "more": 1 }' > package-lock.json`
          : '',
        'exit 0',
        '',
      ].join('\n'),
    );
    chmodSync(npm, 0o755);
    const git = (...args: string[]) =>
      spawnSync('git', ['-c', 'user.name=ci', '-c', 'user.email=ci@example.invalid', ...args], { cwd: dir });
    git('init', '-q');
    git('add', '.ci/run', 'package-lock.json');
    git('commit', '-q', '-m', 'lock');
    const run = spawnSync('bash', ['.ci/run'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH}` },
    });
    const calls = readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n');
    return { status: run.status, stderr: run.stderr, calls };
  }

  it('installs and runs the tests when installing leaves the committed lock as it is', () => {
    const run = ci({ changesLock: false });
    expect(run.calls).toEqual(['npm install', 'npm test']);
    expect(run.status).toBe(0);
  });

  it('fails, saying what to do, when installing changes the committed lock', () => {
    const run = ci({ changesLock: true });
    expect(run.calls).toEqual(['npm install']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('`npm install` changed package-lock.json');
    expect(run.stderr).toContain('commit the\npackage-lock.json it writes');
  });
});

describe('package-lock.json', () => {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { optionalDependencies?: Record<string, string>; [field: string]: unknown }>;
  };

  it('records every platform’s build of the native packages, so `npm ci` installs on any operating system', () => {
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        // npm looks beside the package first, then up the tree, as Node resolves.
        const candidates = [`${path}/node_modules/${name}`, `node_modules/${name}`];
        if (!candidates.some((candidate) => candidate in lock.packages)) missing.push(`${path} → ${name}`);
      }
    }
    expect(missing).toEqual([]);
    expect(Object.keys(lock.packages)).toEqual(
      expect.arrayContaining(['node_modules/@rollup/rollup-win32-x64-msvc', 'node_modules/@esbuild/darwin-arm64']),
    );
  });

  it('asks for what each package.json asks for (the lock was written by an install of these manifests)', () => {
    const fields = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;
    const manifests = Object.keys(lock.packages).filter((path) => !path.includes('node_modules'));
    for (const path of manifests) {
      const manifest = JSON.parse(readFileSync(join(ROOT, path, 'package.json'), 'utf8'));
      for (const field of fields)
        expect(lock.packages[path][field] ?? {}, `${path || '.'} ${field}`).toEqual(manifest[field] ?? {});
    }
  });
});
