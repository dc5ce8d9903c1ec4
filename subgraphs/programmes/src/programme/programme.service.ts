import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import {
  assertId,
  assertJurisdictionCode,
  createOnce,
  notFound,
  pageWindow,
  toConnection,
  orderByOf,
  requirePermission,
  type Principal,
  requiredText,
  subtreeOf,
} from '@doudi/shared';
import { Programme } from './programme.entity.js';
import { PROGRAMME_ORDER_COLUMNS, type CreateProgrammeInput, type ProgrammeListArgs } from './programme.inputs.js';

export async function getProgramme(em: EntityManager, id: string): Promise<Programme> {
  const programme = await em.findOne(Programme, { id: assertId('id', id) });
  if (!programme) throw notFound('Programme', id);
  return programme;
}

export async function listProgrammes(em: EntityManager, args: ProgrammeListArgs) {
  const window = pageWindow(args);
  const where: FilterQuery<Programme> = {};
  const filter = args.filter ?? {};
  if (filter.jurisdictionCode) {
    where.jurisdictionCode = subtreeOf('filter.jurisdictionCode', filter.jurisdictionCode);
  }
  if (filter.kinds?.length) where.kind = { $in: filter.kinds };
  if (filter.organisationId) where.organisationId = assertId('filter.organisationId', filter.organisationId);
  const [nodes, total] = await em.findAndCount(Programme, where, {
    ...window,
    orderBy: orderByOf(args.orderBy, PROGRAMME_ORDER_COLUMNS, { jurisdictionCode: 'asc' }),
  });
  return toConnection(nodes, total, window);
}

export async function createProgramme(
  em: EntityManager,
  principal: Principal,
  input: CreateProgrammeInput,
): Promise<Programme> {
  const name = requiredText('input.name', input.name, 100, 'A name');
  const values = {
    name,
    kind: input.kind,
    description: input.description?.trim() || null,
    jurisdictionCode: assertJurisdictionCode('input.jurisdictionCode', input.jurisdictionCode),
    organisationId: assertId('input.organisationId', input.organisationId),
  };
  requirePermission(principal, 'programmes:write', values.jurisdictionCode);
  return createOnce(
    em,
    'createProgramme',
    input.idempotencyKey,
    values,
    async (tx) => {
      const programme = Object.assign(new Programme(), values);
      tx.persist(programme);
      return programme;
    },
    (fresh, id) => getProgramme(fresh, id),
  );
}
