/**
 * npm run create-admin -- --username <name> --organisation <id or name> [options]
 *
 * Creates the first SYSTEM_ADMIN of an installation (README, "The first administrator"), once: it refuses
 * while an active system administrator exists. Demo sign-ins are never loaded in production, so this is
 * the way in. It connects as ORGANISATIONS_DATABASE_URL, or provisions from DATABASE_URL as the services
 * do, and applies the organisations migrations first.
 *
 * The password is never an argument (argv is visible to every user of the machine and kept in shell
 * history): it comes from CREATE_ADMIN_PASSWORD, or from standard input when that is not a terminal
 * (`printf '%s' "$PW" | npm run -s create-admin -- …`); otherwise one is generated and printed once.
 *
 * Options:
 *   --username <name>            the administrator's sign-in name (required)
 *   --organisation <id | name>   an existing organisation's id, or the name of one to find or create (required)
 *   --display-name <text>        defaults to the username
 *   --jurisdiction <code>        where a new organisation serves (12-digit division code)
 *   --jurisdiction-name <name>   creates that division as a province when it does not exist yet
 *   --kind <OrganisationKind>    a new organisation's kind (default CIVIL_AFFAIRS)
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DomainError, ENV, openOrm, provisionSubgraph } from '@doudi/shared';
import { createFirstAdmin, organisations, OrganisationKind } from '@doudi/organisations';

export const PASSWORD_ENV = 'CREATE_ADMIN_PASSWORD';

export interface CommandIo {
  argv: string[];
  env: Record<string, string | undefined>;
  /** Standard input's text when it is not a terminal; undefined when it is one. */
  readStdin: () => Promise<string | undefined>;
  out: (line: string) => void;
}

/** Runs the command; resolves to the exit code. */
export async function createAdminCommand(io: CommandIo): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: io.argv,
      strict: true,
      options: {
        username: { type: 'string' },
        organisation: { type: 'string' },
        'display-name': { type: 'string' },
        jurisdiction: { type: 'string' },
        'jurisdiction-name': { type: 'string' },
        kind: { type: 'string' },
      },
    }) as { values: Record<string, string | undefined> });
  } catch (error) {
    io.out(
      `create-admin: ${(error as Error).message} (the password is read from ${PASSWORD_ENV} or stdin, never argv)`,
    );
    return 2;
  }
  if (!values.username || !values.organisation) {
    io.out('usage: npm run create-admin -- --username <name> --organisation <id or name> [--jurisdiction <code>]');
    return 2;
  }
  const kind = values.kind as OrganisationKind | undefined;
  if (kind && !Object.values(OrganisationKind).includes(kind)) {
    io.out(`create-admin: --kind must be one of ${Object.values(OrganisationKind).join(', ')}`);
    return 2;
  }
  const password = io.env[PASSWORD_ENV] || (await io.readStdin())?.replace(/\r?\n$/, '') || undefined;

  const clientUrl =
    io.env[ENV.databaseUrl('organisations')] ||
    (io.env[ENV.databaseUrlAdmin]
      ? await provisionSubgraph(io.env[ENV.databaseUrlAdmin]!, 'organisations', io.env)
      : undefined);
  if (!clientUrl) {
    io.out(`create-admin: set ${ENV.databaseUrl('organisations')} or ${ENV.databaseUrlAdmin}`);
    return 2;
  }
  const orm = await openOrm({
    subgraph: 'organisations',
    clientUrl,
    entities: organisations.entities,
    migrations: organisations.migrations,
    poolMax: 2,
  });
  try {
    const created = await createFirstAdmin(orm.em.fork(), {
      username: values.username,
      displayName: values['display-name'],
      password,
      organisation: values.organisation,
      jurisdictionCode: values.jurisdiction,
      jurisdictionName: values['jurisdiction-name'],
      kind,
    });
    io.out(
      `Created system administrator ${created.account.username} (${created.account.id}) ` +
        `for ${created.organisation.name} (${created.organisation.id}).`,
    );
    if (created.generatedPassword) {
      io.out(`Password (shown once; store it now): ${created.generatedPassword}`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const { code, field } = error.extensions as { code: string; field?: string };
    io.out(`create-admin refused (${code}${field ? `, ${field}` : ''}): ${error.message}`);
    return 1;
  } finally {
    await orm.close();
  }
}

async function stdinText(): Promise<string | undefined> {
  if (process.stdin.isTTY) return undefined;
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await createAdminCommand({
    argv: process.argv.slice(2),
    env: process.env,
    readStdin: stdinText,
    out: (line) => console.log(line),
  });
}
