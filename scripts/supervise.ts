/**
 * npm start's supervisor: keeps each part of the embedded system (PostgreSQL, every subgraph, the gateway)
 * running on its own. A part that dies is logged with its exit code or signal and started again after an
 * exponential back-off; one that dies `maxCrashes` times within `windowMs` makes the supervisor give up loudly
 * (log, stop everything, exit non-zero), since restarting it again would only hide a fault an operator must
 * see. Everything stops only when asked (Ctrl+C, SIGTERM): stop().
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import type { Logger } from '@doudi/shared';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running part: settles `exited` when it ends, however; stop() asks it to end and waits. */
export interface Running {
  pid?: number;
  exited: Promise<Exit>;
  stop(): Promise<void>;
}

export interface Part {
  name: string;
  /** Starts the part (again); rejects when it could not start, which counts as a crash. */
  start(): Promise<Running>;
  /** Resolves once the part answers (e.g. its /readyz); only for the log line of its recovery. */
  ready?(): Promise<void>;
  /** What must run before the part is started again (a subgraph waits for PostgreSQL); not counted as crashes. */
  needs?: string[];
}

export interface SupervisorOptions {
  logger: Logger;
  /** Give up after this many crashes of one part within `windowMs` (default 5 within 60 s). */
  maxCrashes?: number;
  windowMs?: number;
  /** The first restart's delay, doubled for each further crash within the window, at most maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Called once when a part crashed too often: the caller stops everything and exits non-zero. */
  onGiveUp(part: string, crashes: number): void;
}

/** The delay before the n-th restart (1-based) within the window: initial × 2^(n−1), at most max. */
export const backoffMs = (crashes: number, initialMs: number, maxMs: number) =>
  Math.min(maxMs, initialMs * 2 ** Math.max(0, crashes - 1));

interface State {
  part: Part;
  running?: Running;
  crashes: number[];
  up: boolean;
  /** Resolves the waiters of `needs` when the part is up again. */
  waiters: (() => void)[];
  loop?: Promise<void>;
}

export class Supervisor {
  private readonly parts = new Map<string, State>();
  private stopping = false;
  private wake: (() => void)[] = [];
  private readonly maxCrashes: number;
  private readonly windowMs: number;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(private readonly options: SupervisorOptions) {
    this.maxCrashes = options.maxCrashes ?? 5;
    this.windowMs = options.windowMs ?? 60_000;
    this.initialDelayMs = options.initialDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 15_000;
  }

  /** Starts a part and keeps it running; resolves once its first start succeeded (or rejects, having given up). */
  async add(part: Part): Promise<void> {
    const state: State = { part, crashes: [], up: false, waiters: [] };
    this.parts.set(part.name, state);
    let first!: () => void;
    let failed!: (error: Error) => void;
    const started = new Promise<void>((resolve, reject) => ((first = resolve), (failed = reject)));
    state.loop = this.keep(state, first, failed);
    return started;
  }

  /** The running part's process id (for tests and fault injection). */
  pidOf(name: string): number | undefined {
    return this.parts.get(name)?.running?.pid;
  }

  isUp(name: string): boolean {
    return this.parts.get(name)?.up ?? false;
  }

  /** Stops every part, the last added first (the gateway before the subgraphs before PostgreSQL). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake.splice(0).forEach((wake) => wake());
    for (const state of [...this.parts.values()].reverse()) {
      state.waiters.splice(0).forEach((resolve) => resolve());
      await state.running?.stop().catch(() => {});
    }
    await Promise.all([...this.parts.values()].map((state) => state.loop ?? Promise.resolve()));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake.push(done);
    });
  }

  private async needsUp(part: Part): Promise<void> {
    for (const name of part.needs ?? []) {
      const needed = this.parts.get(name);
      if (!needed || needed.up || this.stopping) continue;
      this.options.logger.info({ part: part.name, waitingFor: name }, 'waiting for a part it needs before restarting');
      await new Promise<void>((resolve) => needed.waiters.push(resolve));
    }
  }

  private async keep(state: State, first: () => void, failed: (error: Error) => void): Promise<void> {
    const { part } = state;
    const { logger } = this.options;
    let isFirst = true;
    let diedAt = 0;
    while (!this.stopping) {
      let exit: Exit;
      try {
        state.running = await part.start();
        if (this.stopping) {
          await state.running.stop();
          return;
        }
        state.up = true;
        state.waiters.splice(0).forEach((resolve) => resolve());
        if (isFirst) first();
        else {
          logger.warn({ part: part.name, pid: state.running.pid }, 'service restarted');
          const since = diedAt;
          void part.ready?.().then(
            () =>
              !this.stopping && logger.info({ part: part.name, downMs: Date.now() - since }, 'service answering again'),
            () => {},
          );
        }
        isFirst = false;
        exit = await state.running.exited;
      } catch (error) {
        exit = { code: null, signal: null };
        if (!this.stopping) logger.error({ part: part.name, err: error }, 'service could not start');
      }
      state.up = false;
      if (this.stopping) return;
      diedAt = Date.now();
      state.crashes = [...state.crashes.filter((at) => at > diedAt - this.windowMs), diedAt];
      const crashes = state.crashes.length;
      if (crashes >= this.maxCrashes) {
        logger.fatal(
          { part: part.name, code: exit.code, signal: exit.signal, crashes, windowSeconds: this.windowMs / 1000 },
          `${part.name} died ${crashes} times within ${this.windowMs / 1000} s: giving up, stopping everything`,
        );
        if (isFirst) failed(new Error(`${part.name} could not start`));
        this.options.onGiveUp(part.name, crashes);
        return;
      }
      const delayMs = backoffMs(crashes, this.initialDelayMs, this.maxDelayMs);
      logger.error(
        { part: part.name, code: exit.code, signal: exit.signal, crashes, restartInMs: delayMs },
        'service died; restarting it',
      );
      await this.sleep(delayMs);
      await this.needsUp(part);
    }
  }
}

/** A service as a child process of node (`args` as for node), killed with SIGTERM on stop and SIGKILL 15 s later. */
export function childProcess(args: string[], options: SpawnOptions): () => Promise<Running> {
  return () =>
    new Promise((resolve, reject) => {
      const child: ChildProcess = spawn(process.execPath, args, options);
      const exited = new Promise<Exit>((done) => child.once('exit', (code, signal) => done({ code, signal })));
      child.once('error', reject);
      child.once('spawn', () =>
        resolve({
          pid: child.pid,
          exited,
          stop: async () => {
            if (child.exitCode !== null || child.signalCode !== null) return;
            child.kill('SIGTERM');
            const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
            await exited;
            clearTimeout(timer);
          },
        }),
      );
    });
}
