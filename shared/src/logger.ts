import { pino, type Logger } from 'pino';
import { ENV } from './config.js';

/** Structured JSON logs, one line per event, to stdout. */
export function createLogger(service: string, env = process.env): Logger {
  return pino({
    name: service,
    level: env[ENV.logLevel] || (env.VITEST ? 'warn' : 'info'),
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
export type { Logger };
