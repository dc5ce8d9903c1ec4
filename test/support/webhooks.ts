import type { System } from './system.js';

/**
 * Runs organisations' webhook deliveries now, again and again, until the test's receiver has `count` requests: every
 * waiting or failed delivery is made due and the delivery job is run at once, instead of waiting out its back-off.
 */
export async function deliverWebhooksUntil(system: System, arrived: () => number, count: number) {
  const em = system.subgraphs.organisations.orm.em.fork();
  for (let round = 0; round < 100 && arrived() < count; round++) {
    await em.execute(`update webhook_delivery set next_attempt_at = now() where status in ('PENDING', 'FAILED')`);
    await em.execute(`update _private_jobs set run_at = now() where key = 'job:webhook-deliveries'`);
    await system.subgraphs.organisations.runDueJobs();
    if (arrived() < count) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return arrived();
}
