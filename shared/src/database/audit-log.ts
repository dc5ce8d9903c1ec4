import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Args, ArgsType, Ctx, Directive, Field, ID, InputType, ObjectType, Query, Resolver } from 'type-graphql';
import type { SubgraphName } from '../config.js';
import { listScope, type Principal } from '../auth/principal.js';
import { badInput } from '../errors.js';
import { ConnectionType, PageArgs, pageWindow, toConnection } from '../pagination.js';
import { DateScalar, toShanghaiIso } from '../scalars.js';
import { assertDate, optionalText } from '../validation.js';
import { assertJurisdictionCode } from '../jurisdiction-code.js';
import { exportFile, ExportFile, ExportFormat } from '../reporting/export.js';
import { auditSchema } from './provision.js';
import { recordAudit } from './audit.js';

/**
 * The audit trail for auditors (周政办字〔2017〕70号 六(三): 认定、资金发放、救助实施 as the focus of audit): every
 * subgraph's append-only log — reveals, lookups, imports, pushes, decisions, payments — read with audit:read in
 * the reader's jurisdiction (the acting account's), filtered and exported. Reading it is itself written to it.
 */
@ObjectType('AuditEvent', { description: 'One entry of a subgraph’s append-only audit log. 审计日志条目。' })
@Directive('@shareable')
export class AuditEvent {
  @Field(() => ID, { description: 'The subgraph and the entry’s number, e.g. households:1234.' })
  id: string;

  @Field(() => String, {
    description: 'Which part of the system wrote it: organisations, households, programmes, cases.',
  })
  subgraph: string;

  @Field(() => Date)
  at: Date;

  @Field(() => String, { description: 'STAFF, API_CLIENT or SYSTEM.' })
  actorKind: string;

  @Field(() => ID, { nullable: true, description: 'The staff account or API client that acted.' })
  actorId: string | null;

  @Field(() => ID, { nullable: true })
  organisationId: string | null;

  @Field(() => String, { nullable: true, description: 'The jurisdiction the actor works in.' })
  jurisdictionCode: string | null;

  @Field(() => String, { description: 'What was done, e.g. REVEAL_ID_NUMBER, IMPORT, BENEFIT_APPROVED, ROLL_PAID.' })
  action: string;

  @Field(() => String)
  entityType: string;

  @Field(() => ID, { description: 'What it was done to (a person, household, benefit …), by id: never in clear.' })
  entityId: string;

  @Field(() => String, { nullable: true, description: 'The purpose the actor stated (reveals).' })
  purpose: string | null;

  @Field(() => String, { description: 'Further facts as JSON (counts, amounts, ids; never an ID number in clear).' })
  detail: string;
}

@ObjectType('AuditEventConnection')
@Directive('@shareable')
export class AuditEventConnection extends ConnectionType(AuditEvent) {}

@InputType('AuditLogFilter', { description: 'Narrows an audit log; every condition given must hold.' })
export class AuditLogFilter {
  @Field(() => ID, { nullable: true, description: 'Entries about this person, household, benefit … (its id).' })
  entityId?: string;

  @Field(() => ID, { nullable: true, description: 'Entries by this staff account or API client.' })
  actorId?: string;

  @Field(() => ID, { nullable: true })
  organisationId?: string;

  @Field(() => String, { nullable: true, description: 'Actors of this jurisdiction and below (within yours).' })
  jurisdictionCode?: string;

  @Field(() => String, { nullable: true, description: 'One action, e.g. REVEAL_ID_NUMBER.' })
  action?: string;

  @Field(() => DateScalar, { nullable: true, description: 'From this day (Asia/Shanghai), included.' })
  from?: string;

  @Field(() => DateScalar, { nullable: true, description: 'To this day (Asia/Shanghai), included.' })
  to?: string;
}

@ArgsType()
export class AuditLogArgs extends PageArgs {
  @Field(() => AuditLogFilter, { nullable: true })
  filter?: AuditLogFilter;
}

/** An export holds at most this many entries; narrow the filter for more. */
export const AUDIT_EXPORT_MAX_ROWS = 50_000;

interface AuditRow {
  id: string;
  at: Date | string;
  actor_kind: string;
  actor_id: string | null;
  organisation_id: string | null;
  jurisdiction_code: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  purpose: string | null;
  detail: unknown;
}

const text = (field: string, value: string | undefined) => optionalText(field, value, 100);

/** The SQL conditions of a filter within the reader's reach; null when nothing can match. */
function conditions(principal: Principal, filter: AuditLogFilter) {
  const code = filter.jurisdictionCode
    ? assertJurisdictionCode('filter.jurisdictionCode', filter.jurisdictionCode)
    : null;
  const scope = listScope(principal, 'audit:read', code);
  if (scope === null) return null;
  const where: string[] = [];
  const values: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    values.push(value);
    where.push(sql);
  };
  // Entries of actors without a jurisdiction (the system's own jobs) are read only with a national reach.
  if (scope !== '') add('jurisdiction_code like ?', `${scope}%`);
  const entityId = text('filter.entityId', filter.entityId);
  if (entityId) add('entity_id = ?', entityId);
  const actorId = text('filter.actorId', filter.actorId);
  if (actorId) add('actor_id = ?', actorId);
  const organisationId = text('filter.organisationId', filter.organisationId);
  if (organisationId) add('organisation_id = ?', organisationId);
  const action = text('filter.action', filter.action);
  if (action) add('action = ?', action);
  const from = filter.from ? assertDate('filter.from', filter.from) : null;
  const to = filter.to ? assertDate('filter.to', filter.to) : null;
  if (from && to && to < from) throw badInput('filter.to', 'filter.to must not be before filter.from');
  if (from) add(`at >= (?::date)::timestamp at time zone 'Asia/Shanghai'`, from);
  if (to) add(`at < ((?::date + 1)::timestamp at time zone 'Asia/Shanghai')`, to);
  return { sql: where.length ? `where ${where.join(' and ')}` : '', values };
}

const toEvent = (subgraph: SubgraphName) => (row: AuditRow) =>
  Object.assign(new AuditEvent(), {
    id: `${subgraph}:${row.id}`,
    subgraph,
    at: new Date(row.at),
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    organisationId: row.organisation_id,
    jurisdictionCode: row.jurisdiction_code,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    purpose: row.purpose,
    detail: JSON.stringify(row.detail ?? {}),
  });

async function readLog(
  em: EntityManager,
  subgraph: SubgraphName,
  principal: Principal,
  filter: AuditLogFilter,
  page: { limit: number; offset: number },
  withTotal = true,
) {
  const found = conditions(principal, filter);
  if (!found) return { rows: [] as AuditEvent[], total: 0 };
  const table = `"${auditSchema(subgraph)}".audit_event`;
  const { values } = found;
  const connection = em.getConnection();
  const [rows, [{ total }]] = await Promise.all([
    connection.execute<AuditRow[]>(
      `select * from ${table} ${found.sql} order by id desc limit ${page.limit} offset ${page.offset}`,
      values,
    ),
    // An export has no pages: it counts nothing.
    withTotal
      ? connection.execute<{ total: number }[]>(`select count(*)::int as total from ${table} ${found.sql}`, values)
      : [{ total: -1 }],
  ]);
  await recordAudit(em, subgraph, principal, {
    action: 'READ_AUDIT_LOG',
    entityType: 'AuditLog',
    entityId: subgraph,
    detail: { filter: { ...filter }, rows: rows.length },
  });
  return { rows: rows.map(toEvent(subgraph)), total };
}

const HEADERS: [keyof AuditEvent, string][] = [
  ['at', '时间'],
  ['actorKind', '操作者类型'],
  ['actorId', '操作者'],
  ['organisationId', '单位'],
  ['jurisdictionCode', '辖区'],
  ['action', '操作'],
  ['entityType', '对象类型'],
  ['entityId', '对象'],
  ['purpose', '事由'],
  ['detail', '详情'],
];

/**
 * The audit-log queries of one subgraph: `<subgraph>AuditLog` and `<subgraph>AuditLogExport` (each subgraph keeps
 * its own log in its own schema, so each answers its own field; the console reads all four).
 */
export function auditLogResolver(subgraph: SubgraphName) {
  const made = resolvers.get(subgraph);
  if (made) return made;
  @Resolver()
  class AuditLogResolver {
    @Query(() => AuditEventConnection, {
      name: `${subgraph}AuditLog`,
      description: `The ${subgraph} subgraph's append-only audit log, newest first (needs audit:read; actors within your jurisdiction). Reading it is recorded in it.`,
    })
    async log(
      @Args(() => AuditLogArgs) args: AuditLogArgs,
      @Ctx() { em, principal }: { em: EntityManager; principal: Principal },
    ) {
      const window = pageWindow(args);
      const { rows, total } = await readLog(em, subgraph, principal, args.filter ?? {}, window);
      return toConnection(rows, total, window);
    }

    @Query(() => ExportFile, {
      name: `${subgraph}AuditLogExport`,
      description: `The ${subgraph} audit log as a file (at most ${AUDIT_EXPORT_MAX_ROWS} entries, newest first; needs audit:read).`,
    })
    async export(
      @Arg('filter', () => AuditLogFilter, { nullable: true }) filter: AuditLogFilter | undefined,
      @Arg('format', () => ExportFormat, { defaultValue: ExportFormat.XLSX }) format: ExportFormat,
      @Ctx() { em, principal }: { em: EntityManager; principal: Principal },
    ) {
      const { rows } = await readLog(
        em,
        subgraph,
        principal,
        filter ?? {},
        { limit: AUDIT_EXPORT_MAX_ROWS, offset: 0 },
        false,
      );
      const sheetRows = rows.map((row) =>
        Object.fromEntries(HEADERS.map(([key]) => [key, key === 'at' ? toShanghaiIso(row.at) : row[key]])),
      );
      return exportFile(
        {
          fileName: `${subgraph}_审计日志`,
          sheets: [
            {
              name: '审计日志',
              title: `审计日志（${subgraph}）`,
              columns: HEADERS.map(([key, header]) => ({ key, header })),
              rows: sheetRows,
            },
          ],
        },
        format,
      );
    }
  }
  resolvers.set(subgraph, AuditLogResolver);
  return AuditLogResolver;
}

/** One resolver class per subgraph: type-graphql keeps its metadata globally, and a second class would add a twin. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const resolvers = new Map<SubgraphName, Function>();
