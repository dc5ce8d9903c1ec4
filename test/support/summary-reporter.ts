import { statSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';
import { shownPath, testLogFile } from './test-logs.js';

/**
 * Ends the run with one plain line, `N passed, N failed, N skipped`, that any CI can read, after the
 * service logs of each file that failed (test/setup.ts sends them to a file per test file).
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const logs: string[] = [];
    for (const module of modules) {
      let failedHere = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') failedHere++;
        else counts.skipped++;
      }
      // A file that failed outside its tests (an import, a beforeAll) counts as one failure.
      counts.failed += failedHere || (module.state() === 'failed' ? 1 : 0);
      if (module.state() === 'failed' && hasLines(testLogFile(module.moduleId))) {
        logs.push(shownPath(testLogFile(module.moduleId)));
      }
    }
    if (logs.length) console.log(`\nService logs of the files that failed:\n${logs.map((l) => `  ${l}`).join('\n')}`);
    console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }
}

function hasLines(file: string): boolean {
  try {
    return statSync(file).size > 0;
  } catch {
    return false;
  }
}
