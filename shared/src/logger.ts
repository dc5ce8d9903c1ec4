import { pino, type DestinationStream, type Logger } from 'pino';
import { ENV } from './config.js';

/**
 * Whatever a log line might carry that a caller sent, or personal data: request variables, credentials,
 * tokens and the personal fields of the registry. pino replaces them wherever they appear at these paths.
 */
export const REDACTED_PATHS = [
  'variables',
  '*.variables',
  'query',
  '*.query',
  'headers.authorization',
  '*.headers.authorization',
  'headers.cookie',
  '*.headers.cookie',
  'headers["x-doudi-principal"]',
  '*.headers["x-doudi-principal"]',
  'password',
  '*.password',
  'clientSecret',
  '*.clientSecret',
  'accessToken',
  '*.accessToken',
  'idNumber',
  '*.idNumber',
  'phone',
  '*.phone',
];

const MAX_MESSAGE = 300;

/**
 * An error message fit for a log line: quoted values (a database error quotes the row it refused), long
 * digit runs (ID and phone numbers) and anything past 300 characters are cut out.
 */
export function safeMessage(message: string): string {
  const cleaned = message
    .replace(/'(?:[^']|'')*'/g, "'…'")
    .replace(/"[^"\n]{40,}"/g, '"…"')
    .replace(/\d{6,}[\dXx]?/g, '…')
    .replace(/\(([^()]*)\)=\(([^()]*)\)/g, '($1)=(…)');
  return cleaned.length > MAX_MESSAGE ? `${cleaned.slice(0, MAX_MESSAGE)}…` : cleaned;
}

interface SerializedError {
  type: string;
  message: string;
  stack?: string;
  code?: string;
  path?: string;
  cause?: SerializedError;
}

/**
 * Errors are logged by an allow-list: class, cleaned message and stack, a string code and a GraphQL path.
 * pino's own serializer copies every enumerable property, which for a GraphQL error means its extensions and
 * for a database error the refused row (`detail`, `parameters`).
 */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) return { type: typeof error, message: safeMessage(String(error)) };
  const { code, path, originalError, cause } = error as Error & {
    code?: unknown;
    path?: readonly (string | number)[];
    originalError?: unknown;
    cause?: unknown;
  };
  const type = error.constructor?.name || error.name;
  const serialized: SerializedError = {
    type,
    message: safeMessage(error.message),
    stack: error.stack ? safeStack(error.stack, type, error.message) : undefined,
  };
  if (typeof code === 'string' && code.length <= 64) serialized.code = code;
  if (Array.isArray(path)) serialized.path = path.join('.');
  const inner = originalError ?? cause;
  if (inner && inner !== error && depth < 3) serialized.cause = serializeError(inner, depth + 1);
  return serialized;
}

function safeStack(stack: string, type: string, message: string): string {
  const at = stack.indexOf('\n    at ');
  return `${type}: ${safeMessage(message)}${at >= 0 ? stack.slice(at) : ''}`.slice(0, 4_000);
}

let defaultDestination: DestinationStream | undefined;

/**
 * Where loggers made from now on write when their caller names no destination: stdout (undefined) unless
 * changed. The test setup sends each test file's service logs to a file of their own, so a test run prints
 * the results.
 */
export function setLogDestination(destination: DestinationStream | undefined): void {
  defaultDestination = destination;
}

/** Structured JSON logs, one line per event, to stdout (or the destination given or set). */
export function createLogger(
  service: string,
  env = process.env,
  destination: DestinationStream | undefined = defaultDestination,
): Logger {
  return pino(
    {
      name: service,
      level: env[ENV.logLevel] || 'info',
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: (error: unknown) => serializeError(error), error: (error: unknown) => serializeError(error) },
    },
    destination,
  );
}
export type { Logger };
