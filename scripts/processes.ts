import type { ChildProcess } from 'node:child_process';

/** Waits until a service answers its /readyz (given that address or its /graphql one). */
export async function waitReady(url: string, timeoutMs = 120_000): Promise<void> {
  const readyz = url.replace(/\/graphql$/, '/readyz');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ready = await fetch(readyz).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${readyz} did not become ready within ${timeoutMs / 1000} s`);
}

/** Asks every child still running to stop (SIGTERM) and waits until all have. */
export function stopChildren(children: ChildProcess[]): Promise<void> {
  return Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  ).then(() => undefined);
}
