// type-graphql and MikroORM decorators need the metadata polyfill before any entity module loads.
import 'reflect-metadata';
import { afterAll, beforeEach, expect } from 'vitest';
import { setLogDestination } from '@doudi/shared';
import { shownPath, testLogSink } from './support/test-logs.js';

/** The most lines of service logs a failing test prints (the whole log is in its file). */
const SHOWN_LINES = 200;

// The services started by this test file log to `.data/test-logs/<test file>.log`, not to the run's output;
// a test that fails prints the lines logged while it ran, under its failure.
const sink = testLogSink(expect.getState().testPath!);
setLogDestination(sink);

beforeEach(({ onTestFailed }) => {
  sink.mark();
  onTestFailed(() => {
    const lines = sink.since();
    if (!lines.length) return;
    const shown = lines.slice(-SHOWN_LINES);
    const count = `${lines.length} line${lines.length === 1 ? '' : 's'}`;
    const cut = lines.length > shown.length ? ` (the last ${shown.length})` : '';
    console.error(
      `service logs while this test ran, ${count}${cut}; all of this file's: ${shownPath(sink.file)}\n` +
        shown.join('').trimEnd(),
    );
  });
});

afterAll(() => setLogDestination(undefined));
