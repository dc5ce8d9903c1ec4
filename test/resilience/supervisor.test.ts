import { describe, expect, it, vi } from 'vitest';
import type { Logger } from '@doudi/shared';
import { backoffMs, childProcess, Supervisor } from '../../scripts/supervise.js';

// npm start's supervisor (scripts/supervise.ts) on real child processes.

function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  const record = (level: string) => (fields: object | string, msg?: string) =>
    void lines.push(typeof fields === 'string' ? { level, msg: fields } : { level, ...fields, msg });
  const logger = {
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    fatal: record('fatal'),
    debug: () => {},
  } as unknown as Logger;
  return { logger, lines };
}

/** A part that runs until killed, or exits with `code` after `afterMs`. */
const nodePart = (script: string) => childProcess(['-e', script], { stdio: 'ignore' });
const alive = (pid: number | undefined) => {
  try {
    return pid !== undefined && process.kill(pid, 0);
  } catch {
    return false;
  }
};

describe('npm start’s supervisor', () => {
  it('restarts a part killed with SIGKILL, logging its death with the signal and its restart, and leaves the others alone', async () => {
    const { logger, lines } = recordingLogger();
    const supervisor = new Supervisor({ logger, initialDelayMs: 100, onGiveUp: () => {} });
    try {
      await supervisor.add({ name: 'households', start: nodePart('setInterval(() => {}, 1000)') });
      await supervisor.add({ name: 'cases', start: nodePart('setInterval(() => {}, 1000)') });
      const before = supervisor.pidOf('households');
      const other = supervisor.pidOf('cases');
      process.kill(before!, 'SIGKILL');
      await vi.waitFor(() => expect(supervisor.pidOf('households')).not.toBe(before), { timeout: 10_000 });
      expect(alive(supervisor.pidOf('households'))).toBe(true);
      expect(supervisor.pidOf('cases')).toBe(other);
      expect(lines).toContainEqual(
        expect.objectContaining({
          level: 'error',
          part: 'households',
          signal: 'SIGKILL',
          msg: 'service died; restarting it',
        }),
      );
      expect(lines).toContainEqual(
        expect.objectContaining({ level: 'warn', part: 'households', msg: 'service restarted' }),
      );
    } finally {
      await supervisor.stop();
    }
  });

  it('waits longer after each crash (0.5 s, 1 s, 2 s … at most 15 s)', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffMs(n, 500, 15_000))).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000,
    ]);
  });

  it('gives up loudly on a part that keeps crashing: logs its exit code and asks to stop everything', async () => {
    const { logger, lines } = recordingLogger();
    const gaveUp = vi.fn();
    const supervisor = new Supervisor({
      logger,
      maxCrashes: 3,
      windowMs: 60_000,
      initialDelayMs: 50,
      onGiveUp: gaveUp,
    });
    try {
      await supervisor.add({ name: 'gateway', start: nodePart('setTimeout(() => process.exit(3), 100)') });
      await vi.waitFor(() => expect(gaveUp).toHaveBeenCalledWith('gateway', 3), { timeout: 15_000 });
      expect(lines.filter((l) => l.msg === 'service died; restarting it')).toHaveLength(2);
      expect(lines).toContainEqual(expect.objectContaining({ level: 'fatal', part: 'gateway', code: 3, crashes: 3 }));
    } finally {
      await supervisor.stop();
    }
  });

  it('starts a part that died with the database only once the database runs again', async () => {
    const { logger, lines } = recordingLogger();
    const supervisor = new Supervisor({ logger, initialDelayMs: 50, onGiveUp: () => {} });
    try {
      // The "database" takes 1.5 s to come back each time it starts again.
      let starts = 0;
      const database = nodePart('setInterval(() => {}, 1000)');
      await supervisor.add({
        name: 'postgres',
        start: async () => {
          if (starts++ > 0) await new Promise((resolve) => setTimeout(resolve, 1_500));
          return database();
        },
      });
      await supervisor.add({ name: 'cases', start: nodePart('setInterval(() => {}, 1000)'), needs: ['postgres'] });
      const postgres = supervisor.pidOf('postgres');
      const cases = supervisor.pidOf('cases');
      process.kill(postgres!, 'SIGKILL');
      process.kill(cases!, 'SIGKILL');
      await vi.waitFor(
        () => expect(lines).toContainEqual(expect.objectContaining({ part: 'cases', waitingFor: 'postgres' })),
        {
          timeout: 5_000,
        },
      );
      expect(supervisor.pidOf('cases')).toBe(cases);
      await vi.waitFor(() => expect(supervisor.isUp('cases')).toBe(true), { timeout: 10_000 });
      expect(supervisor.isUp('postgres')).toBe(true);
      const restarted = lines.filter((l) => l.msg === 'service restarted').map((l) => l.part);
      expect(restarted).toEqual(['postgres', 'cases']);
    } finally {
      await supervisor.stop();
    }
  });

  it('stops every part when asked and restarts none of them, leaving no process behind', async () => {
    const { logger, lines } = recordingLogger();
    const supervisor = new Supervisor({ logger, initialDelayMs: 50, onGiveUp: () => {} });
    await supervisor.add({ name: 'organisations', start: nodePart('setInterval(() => {}, 1000)') });
    await supervisor.add({ name: 'programmes', start: nodePart('setInterval(() => {}, 1000)') });
    const pids = [supervisor.pidOf('organisations'), supervisor.pidOf('programmes')];
    await supervisor.stop();
    expect(pids.map(alive)).toEqual([false, false]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(lines.filter((l) => l.msg === 'service restarted' || l.msg === 'service died; restarting it')).toEqual([]);
  });
});
