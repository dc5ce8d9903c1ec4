import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@doudi/shared';
import type { LegacyDeadlineSetting } from '../remote/programmes.js';
import { DeadlineSetting, DeadlineSettingImport } from './deadline-setting.entity.js';
import { DeadlineRule } from './deadline.rules.js';

const SOURCE = 'programmes';

/**
 * The time limits moved from programmes to cases (issue 11). A subgraph never reads another's tables (docs/architecture.md),
 * so cases asks programmes, once, for the settings it kept (a service-signed internal route) and copies them, with
 * their ids, reasons and dates; the copy is recorded, so it never runs again. A setting made in cases before the
 * copy ran (when programmes could not answer at start) is newer and stays. Several replicas may try at once:
 * the record's key lets only one transaction commit.
 */
export async function importDeadlineSettings(
  orm: MikroORM,
  fetchLegacy: () => Promise<LegacyDeadlineSetting[]>,
): Promise<number | null> {
  if (await orm.em.fork().findOne(DeadlineSettingImport, { source: SOURCE })) return null;
  const legacy = (await fetchLegacy()).filter((s) => (Object.values(DeadlineRule) as string[]).includes(s.rule));
  return orm.em.fork().transactional(async (em) => {
    em.persist(Object.assign(new DeadlineSettingImport(), { source: SOURCE, settings: legacy.length }));
    await em.flush();
    const existing = await em.find(DeadlineSetting, {});
    const have = new Set(existing.map((s) => `${s.jurisdictionCode}|${s.rule}`));
    for (const s of legacy) {
      if (have.has(`${s.jurisdictionCode}|${s.rule}`)) continue;
      em.persist(
        Object.assign(new DeadlineSetting(), {
          id: s.id,
          jurisdictionCode: s.jurisdictionCode,
          rule: s.rule as DeadlineRule,
          amount: s.amount,
          reason: s.reason,
          createdAt: new Date(s.createdAt),
          updatedAt: new Date(s.updatedAt),
        }),
      );
    }
    await em.flush();
    return legacy.length;
  });
}

/**
 * Runs the copy at start; when programmes cannot answer yet, tries again in the background (1 s, 2 s, 4 s … up to
 * a minute apart) until it has. Until then cases counts with the settings it has (its own, else the seeds').
 */
export async function importDeadlineSettingsAtStart(
  orm: MikroORM,
  fetchLegacy: () => Promise<LegacyDeadlineSetting[]>,
  logger: Logger,
): Promise<void> {
  let delayMs = 1_000;
  const attempt = async (): Promise<boolean> => {
    try {
      const copied = await importDeadlineSettings(orm, fetchLegacy);
      if (copied !== null) logger.info({ copied }, 'time limits copied from programmes');
      return true;
    } catch (error) {
      logger.warn({ err: error, retryInMs: delayMs }, 'time limits not yet copied from programmes');
      return false;
    }
  };
  if (await attempt()) return;
  const retry = () => {
    const timer = setTimeout(() => {
      void (async () => {
        // Stops when copied, or when the subgraph has stopped (its database connection closed).
        if (!(await orm.isConnected()) || (await attempt())) return;
        delayMs = Math.min(delayMs * 2, 60_000);
        retry();
      })();
    }, delayMs);
    timer.unref();
  };
  retry();
}
