import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import {
  ancestorCandidates,
  assertId,
  badInput,
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

/** A template comes from a division above, for the same kind of programme. */
async function assertTemplate(em: EntityManager, values: Pick<Programme, 'templateId' | 'kind' | 'jurisdictionCode'>) {
  const template = await em.findOne(Programme, { id: values.templateId! });
  if (!template) throw badInput('input.templateId', `There is no programme ${values.templateId}`);
  if (!template.isTemplate) throw badInput('input.templateId', `“${template.name}” is not published as a template`);
  if (template.kind !== values.kind) {
    throw badInput('input.templateId', `The template is for ${template.kind}, not ${values.kind}`);
  }
  if (!ancestorCandidates(values.jurisdictionCode).includes(template.jurisdictionCode)) {
    throw badInput(
      'input.templateId',
      `The template belongs to ${template.jurisdictionCode}, which is not above ${values.jurisdictionCode}`,
    );
  }
}

export async function listProgrammes(em: EntityManager, args: ProgrammeListArgs) {
  const window = pageWindow(args);
  const where: FilterQuery<Programme> = {};
  const filter = args.filter ?? {};
  if (filter.jurisdictionCode) {
    where.jurisdictionCode = subtreeOf('filter.jurisdictionCode', filter.jurisdictionCode);
  }
  if (filter.isTemplate !== undefined && filter.isTemplate !== null) where.isTemplate = filter.isTemplate;
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
    isTemplate: input.isTemplate ?? false,
    templateId: input.templateId ? assertId('input.templateId', input.templateId) : null,
  };
  requirePermission(principal, 'programmes:write', values.jurisdictionCode);
  if (values.templateId) await assertTemplate(em, values);
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
