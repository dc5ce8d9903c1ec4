import type { EntityManager } from '@mikro-orm/postgresql';
import { can, jurisdictionPrefix, requirePermission, rowReader, toConnection, type Principal } from '@doudi/shared';
import type { PageWindow } from '@doudi/shared';
import { Case } from './case.entity.js';

/**
 * The cases the caller sees (visibleCases, the same rule) as one SQL predicate over `hardship_case c` and its
 * parameters. visibleCases hands the ORM the same ten branches as a filter; translating that filter and its two
 * subqueries was most of a case page's CPU in the cases service (issue 16 item 2), so the plain page below writes
 * it once by hand. test/access-matrix.test.ts and case.page.test.ts hold both to the same answer.
 */
export function visibleCasesSql(principal: Principal): { sql: string; parameters: unknown[] } {
  requirePermission(principal, 'cases:read');
  const anyOf: string[] = [];
  const parameters: unknown[] = [];
  const prefix = jurisdictionPrefix(principal);
  if (can(principal, 'cases:oversee') && prefix !== null) {
    const like = `${prefix}%`;
    anyOf.push(
      'c.jurisdiction_code like ?',
      'c.household_jurisdiction_code like ?',
      'c.residence_jurisdiction_code like ?',
    );
    parameters.push(like, like, like);
  }
  const organisation = principal.organisationId;
  if (organisation) {
    anyOf.push(
      'c.lead_organisation_id = ?',
      'c.origin_organisation_id = ?',
      'c.first_question_organisation_id = ?',
      'c.window_organisation_id = ?',
      'c.office_organisation_id = ?',
      'c.id in (select r.case_id from referral r where r.from_organisation_id = ? or r.to_organisation_id = ?)',
      'c.id in (select f.case_id from follow_up f where f.organisation_id = ?)',
    );
    parameters.push(...Array<string>(8).fill(organisation));
  }
  return { sql: anyOf.length ? `(${anyOf.join(' or ')})` : 'false', parameters };
}

/**
 * A page of the cases the caller sees, without filters, in `orderBy` (property names, as orderByOf gives them):
 * plain SQL read as rows (rowReader) — no filter translation, no hydration, no identity map. The count over every
 * page runs beside the page, and only when asked; otherwise one row more than the page tells pageInfo whether
 * another follows.
 */
export async function plainCasePage(
  em: EntityManager,
  principal: Principal,
  window: PageWindow,
  orderBy: Record<string, 'asc' | 'desc'>[],
  selected: { totalCount: boolean; pageInfo: boolean },
) {
  const { sql: visible, parameters } = visibleCasesSql(principal);
  const meta = em.getMetadata().get(Case.name);
  const order = orderBy
    .flatMap((clause) => Object.entries(clause))
    .map(([property, direction]) => {
      const column = meta.properties[property as keyof Case]?.fieldNames?.[0];
      if (!column) throw new Error(`no column for the case order ${property}`);
      return `c.${column} ${direction === 'desc' ? 'desc' : 'asc'}`;
    })
    .join(', ');
  const extra = !selected.totalCount && selected.pageInfo ? 1 : 0;
  const connection = em.getConnection();
  const [rows, counted] = await Promise.all([
    connection.execute<Record<string, unknown>[]>(
      `select c.* from hardship_case c where ${visible} order by ${order} limit ? offset ?`,
      [...parameters, window.limit + extra, window.offset],
    ),
    selected.totalCount
      ? connection.execute<{ count: string }[]>(
          `select count(*) as count from hardship_case c where ${visible}`,
          parameters,
        )
      : undefined,
  ]);
  const read = rowReader(em, Case);
  const nodes = rows.slice(0, window.limit).map(read);
  // Without totalCount the count is only what pageInfo needs: past the page when one more row came back.
  return toConnection(nodes, counted ? Number(counted[0].count) : window.offset + rows.length, window);
}
