import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * What a service loads when it starts: the static import graph from each service's main.ts, following
 * `import … from`, `export … from` and side-effect imports through the workspaces' sources (`@doudi/*` resolved
 * to their src), and — only when asked — dynamic `import()`. Type-only imports are left out: they are erased.
 */
const root = resolve(import.meta.dirname, '..');
const SERVICES = [
  'subgraphs/organisations/src/main.ts',
  'subgraphs/households/src/main.ts',
  'subgraphs/programmes/src/main.ts',
  'subgraphs/cases/src/main.ts',
  'gateway/src/main.ts',
];

function resolveSpecifier(from: string, specifier: string): string | undefined {
  let base: string;
  if (specifier.startsWith('.')) base = resolve(dirname(from), specifier);
  else if (specifier === '@doudi/gateway') base = join(root, 'gateway/src/index');
  else if (specifier.startsWith('@doudi/shared')) base = join(root, 'shared/src', specifier.slice(14) || 'index');
  else if (specifier.startsWith('@doudi/')) {
    const [name, ...rest] = specifier.slice(7).split('/');
    base = join(root, 'subgraphs', name, 'src', rest.join('/') || 'index');
  } else return undefined; // a package from node_modules
  base = base.replace(/\.js$/, '');
  const found = [`${base}.ts`, join(base, 'index.ts')].find((file) => existsSync(file));
  if (!found) throw new Error(`cannot resolve ${specifier} from ${relative(root, from)}`);
  return found;
}

function importsOf(file: string, dynamic: boolean): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const specifiers: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const onlyTypes =
        clause?.isTypeOnly ||
        (!clause?.name &&
          bindings !== undefined &&
          ts.isNamedImports(bindings) &&
          bindings.elements.length > 0 &&
          bindings.elements.every((element) => element.isTypeOnly));
      if (!onlyTypes) specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.isTypeOnly) specifiers.push(node.moduleSpecifier.text);
    } else if (
      dynamic &&
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers.flatMap((specifier) => resolveSpecifier(file, specifier) ?? []);
}

function reachableFrom(entry: string, dynamic = false): Set<string> {
  const seen = new Set<string>();
  const queue = [join(root, entry)];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...importsOf(file, dynamic));
  }
  return new Set([...seen].map((file) => relative(root, file)));
}

/** The demo modules: the shared demo data (ids, the demo password, the API clients' secrets) and each seeder. */
const isDemoModule = (file: string) => /(^|\/)demo(-[a-z-]+)?\.ts$|\.demo\.ts$/.test(file);
const SECRETS = ['doudi-demo-2026', 'dds_demo-'];

describe('the production import graph', () => {
  it.each(SERVICES)('%s loads no demo data, demo password or client secret when it starts', (entry) => {
    const modules = reachableFrom(entry);
    expect(modules.size).toBeGreaterThan(20);
    expect([...modules].filter(isDemoModule)).toEqual([]);
    const leaking = [...modules].filter((file) =>
      SECRETS.some((secret) => readFileSync(join(root, file), 'utf8').includes(secret)),
    );
    expect(leaking).toEqual([]);
  });

  it('still reaches the demo seeders through the dynamic import made when demo data is asked for', () => {
    const withDynamic = reachableFrom('subgraphs/organisations/src/main.ts', true);
    expect(withDynamic).toContain('shared/src/demo.ts');
    expect(withDynamic).toContain('subgraphs/organisations/src/account/account.demo.ts');
    for (const subgraph of ['households', 'programmes', 'cases'])
      expect(reachableFrom(`subgraphs/${subgraph}/src/main.ts`, true)).toContain(`subgraphs/${subgraph}/src/demo.ts`);
  });
});
