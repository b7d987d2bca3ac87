import { readdirSync } from 'node:fs';
import baseConfig from '../eslint.config.mjs';

/**
 * A domain owns its tables: it may import another domain's service, module or DTO, never its
 * repository or SQL files (`*.repository.ts`, `*.sql.ts`). One block per domain folder, so that the
 * folder's own repository stays importable; a new folder is covered without editing this file.
 */
const domains = readdirSync(new URL('./src', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const domainBoundaries = domains.map((domain) => ({
  files: [`src/${domain}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `^(\\.\\./)+(?!${domain}/)[^./][^/]*/(.+/)?[^/]+\\.(repository|sql)(\\.[jt]s)?$`,
            message: `${domain}/ may not use another domain's repository or SQL: call that domain's service (exported by its module), or a SQL function it owns.`,
          },
        ],
      },
    ],
  },
}));

export default [
  ...baseConfig,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  ...domainBoundaries,
  { ignores: ['jest.config.mjs', 'webpack.config.js', 'eslint.config.mjs'] },
];
