import type { MikroORM } from '@mikro-orm/postgresql';
import {
  INTERNAL_ROUTES,
  sendJson,
  type DeliveryVerifier,
  type LegacyDeadlineSetting as LegacyDeadlineSettingAnswer,
  type Route,
  serviceRoute,
} from '@doudi/shared';
import { LegacyDeadlineSetting } from './legacy-deadline-setting.entity.js';

/**
 * The per-jurisdiction time limits moved to cases (issue 11), which may not read this subgraph's tables
 * (docs/architecture.md). Until every cases deployment has copied them, programmes keeps its old `deadline_setting`
 * table (LegacyDeadlineSetting) frozen (no API writes it any more) and answers its rows here, to cases alone (signed with the
 * service key). A later release drops the table and this route.
 */
export const LEGACY_DEADLINE_SETTINGS_PATH = INTERNAL_ROUTES.legacyDeadlineSettings;

export function legacyDeadlineSettingsRoute(orm: MikroORM, verifier: DeliveryVerifier): Route {
  return serviceRoute(verifier, { maxBytes: 1_000, from: 'cases' }, async (body, res) => {
    const rows = await orm.em
      .fork()
      .find(LegacyDeadlineSetting, {}, { orderBy: { jurisdictionCode: 'asc', rule: 'asc' } });
    const settings: LegacyDeadlineSettingAnswer[] = rows.map((row) => ({
      id: row.id,
      jurisdictionCode: row.jurisdictionCode,
      rule: row.rule,
      amount: row.amount,
      reason: row.reason,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    }));
    sendJson(res, 200, { settings });
  });
}
