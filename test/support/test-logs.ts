import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Where a test file's service logs go: `.data/test-logs/<the test file's path>.log` (git-ignored). */
export function testLogFile(testFile: string): string {
  return join(ROOT, '.data', 'test-logs', `${relative(ROOT, testFile)}.log`);
}

/** The log file's path as the repository names it, for a message. */
export function shownPath(file: string): string {
  return relative(ROOT, file);
}

/**
 * A destination for the services' loggers in one test file: every line goes to the file (emptied first),
 * and the lines since the last `mark()` are kept, so a failing test can show the logs it caused.
 */
export function testLogSink(testFile: string) {
  const file = testLogFile(testFile);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, '');
  let recent: string[] = [];
  return {
    file,
    write(line: string) {
      appendFileSync(file, line);
      recent.push(line);
    },
    /** Starts collecting a test's lines afresh. */
    mark() {
      recent = [];
    },
    /** The lines written since the last mark. */
    since(): string[] {
      return recent;
    },
  };
}
