import type { EntityManager } from '@mikro-orm/postgresql';
import { type Logger } from '@doudi/shared';
import * as demo from '@doudi/shared/demo';
import { Programme } from './programme/programme.entity.js';
import { LocalStandard } from './standard/local-standard.entity.js';
import { ProgrammeVersion } from './version/programme-version.entity.js';
import { checkFormula, checkRule } from './eligibility/rules.js';
import { DEMO_STANDARDS, DEMO_VERSIONS } from './demo-configuration.js';

/**
 * The seed documents' programmes with their configuration and the 2026 local standards; rows already
 * there are kept, so an administrator's changes survive a restart.
 */
export async function seedDemo(em: EntityManager, logger: Logger) {
  const have = new Set((await em.find(Programme, { id: { $in: demo.programmes.map((p) => p.id) } })).map((p) => p.id));
  for (const programme of demo.programmes)
    if (!have.has(programme.id)) em.persist(Object.assign(new Programme(), programme));
  await em.flush();

  const versioned = new Set(
    (await em.find(ProgrammeVersion, { programmeId: { $in: DEMO_VERSIONS.map((v) => v.programmeId) } })).map(
      (v) => v.programmeId,
    ),
  );
  for (const version of DEMO_VERSIONS.filter((v) => !versioned.has(v.programmeId))) {
    // The demo's rules go through the same check as an administrator's.
    if (version.settings.eligibilityRule) checkRule('eligibilityRule', version.settings.eligibilityRule);
    if (version.settings.amount?.formula) checkFormula('formula', version.settings.amount.formula);
    em.persist(Object.assign(new ProgrammeVersion(), { number: 1, locks: [], ...version }));
  }
  for (const s of DEMO_STANDARDS) {
    if (await em.findOne(LocalStandard, { jurisdictionCode: s.jurisdictionCode, year: s.year })) continue;
    em.persist(
      Object.assign(new LocalStandard(), {
        jurisdictionCode: s.jurisdictionCode,
        year: s.year,
        dibaoUrbanMonthlyFen: s.urban,
        dibaoRuralMonthlyFen: s.rural,
        tekunMonthlyFen: s.tekun,
        publishedIn: s.publishedIn,
      }),
    );
  }
  await em.flush();
  logger.info({ programmes: demo.programmes.length - have.size }, 'demo programmes loaded');
}
