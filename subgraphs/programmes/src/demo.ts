import type { EntityManager } from '@mikro-orm/postgresql';
import { demo, type Logger } from '@doudi/shared';
import { Programme } from './programme/programme.entity.js';

/** A few programmes of the seed documents (seed 003 二, seed 001, seed 004); existing rows are kept. */
export async function seedDemo(em: EntityManager, logger: Logger) {
  const have = new Set((await em.find(Programme, { id: { $in: demo.programmes.map((p) => p.id) } })).map((p) => p.id));
  for (const programme of demo.programmes)
    if (!have.has(programme.id)) em.persist(Object.assign(new Programme(), programme));
  await em.flush();
  logger.info({ added: demo.programmes.length - have.size }, 'demo programmes loaded');
}
