import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import {
  assertJurisdictionCode,
  badInput,
  codePrefix,
  conflict,
  createOnce,
  JURISDICTION_LEVELS,
  levelOfCode,
  notFound,
  pageWindow,
  toConnection,
  orderByOf,
  requirePermission,
  type Principal,
  requiredText,
} from '@doudi/shared';
import { Jurisdiction } from './jurisdiction.entity.js';
import {
  JURISDICTION_ORDER_COLUMNS,
  type CreateJurisdictionInput,
  type JurisdictionListArgs,
  type SetSupervisionHotlineInput,
} from './jurisdiction.inputs.js';

export async function getJurisdiction(em: EntityManager, code: string, field = 'code'): Promise<Jurisdiction> {
  const jurisdiction = await em.findOne(Jurisdiction, { code: assertJurisdictionCode(field, code) });
  if (!jurisdiction) throw notFound('Jurisdiction', code);
  return jurisdiction;
}

export async function listJurisdictions(em: EntityManager, args: JurisdictionListArgs) {
  const window = pageWindow(args);
  const where: FilterQuery<Jurisdiction> = {};
  const filter = args.filter ?? {};
  if (filter.parentCode) where.parentCode = assertJurisdictionCode('filter.parentCode', filter.parentCode);
  if (filter.codes) {
    if (filter.codes.length > 1000) throw badInput('filter.codes', 'At most 1,000 codes at a time');
    where.code = { $in: filter.codes.map((code, i) => assertJurisdictionCode(`filter.codes.${i}`, code)) };
  }
  if (filter.within) {
    const within = assertJurisdictionCode('filter.within', filter.within);
    where.code = { $like: `${codePrefix(within)}%`, $ne: within };
  }
  if (filter.level) where.level = filter.level;
  if (filter.nameContains) where.name = { $like: `%${filter.nameContains.replace(/[%_\\]/g, '\\$&')}%` };
  const [nodes, total] = await em.findAndCount(Jurisdiction, where, {
    ...window,
    orderBy: orderByOf(args.orderBy, JURISDICTION_ORDER_COLUMNS, { code: 'asc' }, 'code'),
  });
  return toConnection(nodes, total, window);
}

/**
 * Adds a division under its parent. The level comes from the code; a child sits below its parent's
 * level and inside its parent's code range (重庆市's counties skip the city level, so levels may skip).
 */
export async function createJurisdiction(
  em: EntityManager,
  principal: Principal,
  input: CreateJurisdictionInput,
): Promise<Jurisdiction> {
  const code = assertJurisdictionCode('input.code', input.code);
  const name = requiredText('input.name', input.name, 100, 'A name');
  const level = levelOfCode(code);
  const parentCode = input.parentCode ? assertJurisdictionCode('input.parentCode', input.parentCode) : null;
  if (!parentCode && level !== 'PROVINCE')
    throw badInput('input.parentCode', `A ${level.toLowerCase()} needs a parentCode`);
  requirePermission(principal, 'jurisdictions:write', code);

  return createOnce(
    em,
    'createJurisdiction',
    input.idempotencyKey,
    { code, name, parentCode },
    async (tx) => {
      if (parentCode) {
        const parent = await tx.findOne(Jurisdiction, { code: parentCode });
        if (!parent) throw notFound('Jurisdiction', parentCode);
        if (
          JURISDICTION_LEVELS.indexOf(parent.level) >= JURISDICTION_LEVELS.indexOf(level) ||
          !code.startsWith(codePrefix(parentCode))
        ) {
          throw badInput('input.code', `${code} cannot lie under ${parentCode} (${parent.name})`);
        }
      }
      if (await tx.count(Jurisdiction, { code }))
        throw conflict(`Jurisdiction ${code} already exists`, { field: 'input.code' });
      const jurisdiction = Object.assign(new Jurisdiction(), { code, name, level, parentCode });
      tx.persist(jurisdiction);
      return { id: code };
    },
    (fresh, id) => getJurisdiction(fresh, id),
  );
}

/** Service numbers (12345, 12349), 400 numbers, landlines with their area code, mobiles. */
const HOTLINE = /^(1\d{4}|400\d{7}|0\d{9,11}|1[3-9]\d{9})$/;

/**
 * Publishes a division's supervision and report hotline (临社救办发〔2015〕3号 二(一): 建立并公布社会救助监督举报热线);
 * null withdraws it, and the division then shows the one above.
 */
export async function setSupervisionHotline(
  em: EntityManager,
  principal: Principal,
  input: SetSupervisionHotlineInput,
) {
  const code = assertJurisdictionCode('input.jurisdictionCode', input.jurisdictionCode);
  requirePermission(principal, 'jurisdictions:write', code);
  const phone = input.phone ? input.phone.replace(/[\s-]/g, '') : null;
  if (phone !== null && !HOTLINE.test(phone)) {
    throw badInput(
      'input.phone',
      'A hotline is a service number (e.g. 12345), a landline with its area code or a mobile',
    );
  }
  const jurisdiction = await getJurisdiction(em, code, 'input.jurisdictionCode');
  jurisdiction.supervisionHotline = phone;
  await em.flush();
  return jurisdiction;
}
