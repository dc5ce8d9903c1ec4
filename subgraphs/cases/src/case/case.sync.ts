import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { syncPage, syncWindow, type Principal } from '@doudi/shared';
import { Case } from './case.entity.js';
import type { CaseListArgs } from './case.inputs.js';
import { visibleCases } from './case.access.js';
import { caseConditions } from './case.filter.js';
import type { ConnectionSelection } from './case.selection.js';

/**
 * `cases(filter: { updatedSince })`, incremental sync (docs/sync.md): the cases the caller sees, narrowed by the
 * list's other filters, changed at or after updatedSince, in (updatedAt, id) order by cursor.
 */
export function syncCases(em: EntityManager, principal: Principal, args: CaseListArgs, selected: ConnectionSelection) {
  const filter = args.filter!;
  const window = syncWindow(args, filter.updatedSince!);
  const where: FilterQuery<Case>[] = [visibleCases(em, principal), ...caseConditions(em, filter)];
  return syncPage(em, Case, { $and: where }, window, { count: selected.totalCount });
}
