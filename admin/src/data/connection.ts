import type { GetListParams } from 'react-admin';

/** The API's page size limit (DESIGN §5): a list never asks for more. */
export const MAX_PAGE = 100;

/**
 * react-admin's page, sort and filter as a connection's arguments: `first` and `offset` for the page,
 * `orderBy` when the column maps to an order field the API offers (others are not sortable).
 */
export function connectionArgs<Field extends string>(
  params: GetListParams,
  orderFields: Partial<Record<string, Field>>,
): { first: number; offset: number; orderBy?: { field: Field; direction: 'ASC' | 'DESC' }[] } {
  const page = params.pagination?.page ?? 1;
  const perPage = Math.min(params.pagination?.perPage ?? 25, MAX_PAGE);
  const field = params.sort?.field ? orderFields[params.sort.field] : undefined;
  return {
    first: perPage,
    offset: (page - 1) * perPage,
    ...(field ? { orderBy: [{ field, direction: params.sort?.order === 'DESC' ? 'DESC' : 'ASC' }] } : {}),
  };
}

/** A form's or filter's text, trimmed; undefined when there is none. */
export const given = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** A list by organisation (the directory's picker as its filter), in the API's order: the page and the organisation. */
export function organisationPage(params: GetListParams) {
  const { first, offset } = connectionArgs(params, {});
  return { first, offset, organisationId: given(params.filter?.organisationId) };
}
