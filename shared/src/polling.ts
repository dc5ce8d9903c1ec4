/**
 * Runs `run` every `pollMs` after the previous run ends (never two at once in one process), until stopped;
 * `stop` waits for the run in progress. The outbox relay and the job scheduler poll this way.
 */
export function pollingLoop(run: () => Promise<unknown>, pollMs: number, onError: (error: unknown) => void) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<unknown> | undefined;
  const poll = async () => {
    inFlight = run().catch(onError);
    await inFlight;
    inFlight = undefined;
    if (!stopped) timer = setTimeout(poll, pollMs).unref();
  };
  return {
    start() {
      if (!stopped && !timer) timer = setTimeout(poll, 0).unref();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
