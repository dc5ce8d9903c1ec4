import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Demo calendar data: none. The seed documents name no local holidays or make-up days for 襄汾县, 晋江市,
 * 周村区 or 城口县, and the national schedule comes with the `chinese-days` package, so nothing is
 * invented here. Kept as the place to add entries once a county supplies its own (idempotent by design:
 * it writes nothing).
 */
export async function seedCalendarDemo(_em: EntityManager): Promise<void> {}
