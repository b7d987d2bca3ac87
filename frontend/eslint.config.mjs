import nx from '@nx/eslint-plugin';
import angular from 'angular-eslint';
import { readdirSync } from 'node:fs';
import baseConfig from '../eslint.config.mjs';

/**
 * Feature areas (every folder of src/app but core/ and shared/) never import each other: what two
 * areas need moves to shared/ (presentational) or core/ (app-wide services and models). One block per
 * area, read from the folder, so a new area is covered without editing this file.
 */
const COMMON = ['core', 'shared'];
const features = readdirSync(new URL('./src/app', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !COMMON.includes(entry.name))
  .map((entry) => entry.name);
const featureBoundaries = features.map((feature) => ({
  files: [`src/app/${feature}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `^(\\.\\./)+(${features.filter((f) => f !== feature).join('|')})(/|$)`,
            message: `${feature}/ may not import another feature area: move what both need to shared/ (presentational) or core/ (services, models).`,
          },
        ],
      },
    ],
  },
}));

export default [
  ...nx.configs['flat/angular'],
  ...nx.configs['flat/angular-template'],
  ...baseConfig,
  {
    files: ['**/*.ts'],
    rules: {
      '@angular-eslint/directive-selector': [
        'error',
        {
          type: 'attribute',
          prefix: 'aman',
          style: 'camelCase',
        },
      ],
      '@angular-eslint/component-selector': [
        'error',
        {
          type: 'element',
          prefix: 'aman',
          style: 'kebab-case',
        },
      ],
      '@angular-eslint/prefer-on-push-component-change-detection': 'error',
    },
  },
  {
    // Type-aware rules: an un-awaited promise (an assertion, a navigation) must never pass silently.
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  ...featureBoundaries,
  ...angular.configs.templateAccessibility.map((config) => ({
    ...config,
    files: ['**/*.html'],
  })),
  {
    files: ['**/*.html'],
    rules: {
      '@angular-eslint/template/prefer-control-flow': 'error',
      '@angular-eslint/template/button-has-type': 'error',
    },
  },
];
