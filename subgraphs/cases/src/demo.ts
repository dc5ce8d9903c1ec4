import type { EntityManager } from '@mikro-orm/postgresql';
import { demo, type Logger } from '@doudi/shared';
import { Case } from './case/case.entity.js';
import { Referral } from './referral/referral.entity.js';

/** One case per workflow family of the seeds (000 police, 001 procuratorate, 004 village); kept if present. */
export async function seedDemo(em: EntityManager, logger: Logger) {
  const have = new Set((await em.find(Case, { id: { $in: demo.cases.map((c) => c.id) } })).map((c) => c.id));
  for (const { referrals, ...values } of demo.cases) {
    if (have.has(values.id)) continue;
    em.persist(Object.assign(new Case(), values));
    for (const r of referrals) {
      em.persist(
        Object.assign(new Referral(), {
          id: r.id,
          caseId: values.id,
          fromOrganisationId: r.from,
          toOrganisationId: r.to,
          kind: r.kind,
        }),
      );
    }
  }
  await em.flush();
  logger.info({ added: demo.cases.length - have.size }, 'demo cases loaded');
}
