// Flat config: the recommended JavaScript and TypeScript rules, with type information off so
// linting stays fast enough to run before every commit.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', 'test/e2e/harness/**', 'examples/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The pure service and the offline renderer (ARCHITECTURE.md, "Invariants"): the server, the CLI
    // and the client bring files, the transport and AWS to them, so tests and the CLI can run them alone.
    files: ['server/src/service/**/*.ts', 'server/src/render/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'The pure service and renderer do not know the editor.' },
            ...['fs', 'node:fs', 'fs/promises', 'node:fs/promises'].map((name) => ({
              name,
              message: 'The pure service and renderer read no files: the server and the CLI pass documents in.',
            })),
            ...['child_process', 'node:child_process'].map((name) => ({ name, message: 'The pure service and renderer start no processes.' })),
          ],
          patterns: [
            {
              group: [
                'vscode-languageserver',
                'vscode-languageserver/*',
                'vscode-languageserver-protocol',
                'vscode-languageserver-protocol/*',
                'vscode-jsonrpc',
                'vscode-jsonrpc/*',
                'vscode-languageclient',
                'vscode-languageclient/*',
              ],
              message:
                'No LSP transport in the pure service and renderer: use vscode-languageserver-types and vscode-languageserver-textdocument; server.ts adapts.',
            },
            { group: ['@aws-sdk/*'], message: 'No AWS SDK in the pure service and renderer: the client brings AWS behind an interface (a Presigner).' },
          ],
        },
      ],
    },
  },
  {
    // The client reaches the server's code through one declared module (ARCHITECTURE.md, "The module boundary").
    files: ['client/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)server/src/(?!api$)',
              message: "The client imports the server's code only through server/src/api.ts: export what it needs there.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' },
    },
  },
);
