// The linter of `npm run check`: typescript-eslint with type information, for the mistakes the compiler does
// not see — a promise nobody waits for (its failure is lost, or the work is still running when the caller
// answers), a promise handed where a plain function is expected, and code nobody uses.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/', '**/dist/', '.data/', 'coverage/', 'schema/', 'admin/src/graphql/graphql-env.d.ts'],
  },
  js.configs.recommended,
  // The recommended set without type information; the type-aware rules below are chosen one by one (the
  // type-checked recommended set flags ~1,300 `any` uses in tests that read GraphQL JSON).
  tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrors: 'all',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      'no-unused-private-class-members': 'error',
    },
  },
  {
    // Tests and benchmarks read GraphQL answers whose shape their query decides: `any` is allowed there only.
    files: ['**/*.test.ts', 'test/**/*.ts', '**/test-support.ts', 'shared/src/testing.ts', 'scripts/bench-*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The two start/build scripts are plain JavaScript outside the TypeScript project.
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
