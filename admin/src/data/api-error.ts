/** One error of a GraphQL answer, with the fields the API sets in `extensions` (docs/architecture.md). */
export interface GraphQLErrorBody {
  message: string;
  extensions?: {
    code?: string;
    field?: string;
    position?: { line: number; column: number };
    permission?: string;
    retryAfterSeconds?: number;
    latestVersion?: number;
    lockedBy?: string;
    setting?: string;
    [key: string]: unknown;
  };
}

/**
 * What the console throws for an answer with errors. react-admin reads `status` (401/403 for the auth
 * provider) and `body.errors` (server-side validation: a message per form field).
 */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly body: { errors: Record<string, string> } | undefined;

  constructor(
    readonly errors: GraphQLErrorBody[],
    readonly fieldMessage: (error: GraphQLErrorBody) => string,
    readonly describe: (error: GraphQLErrorBody) => string,
  ) {
    const first = errors[0];
    super(describe(first));
    this.code = first.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    this.status = this.code === 'UNAUTHENTICATED' ? 401 : this.code === 'FORBIDDEN' ? 403 : 400;
    const fields: Record<string, string> = {};
    for (const error of errors) {
      const field = formField(error.extensions?.field);
      if (field) fields[field] ??= fieldMessage(error);
    }
    this.body = Object.keys(fields).length ? { errors: fields } : undefined;
  }

  get first(): GraphQLErrorBody {
    return this.errors[0];
  }
}

/** The API names a field as the mutation sees it (`input.caps.perGrant`); forms hold `caps.perGrant`. */
export function formField(field: string | undefined): string | undefined {
  if (!field) return undefined;
  return field.replace(/^input\./, '');
}
