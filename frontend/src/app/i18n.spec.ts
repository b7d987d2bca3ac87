import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import en from '../../public/i18n/en.json';
import id from '../../public/i18n/id.json';
import { ROLES } from './core/session/current-user';
import { ASSIGNMENT_STATUSES, NEXT_STEPS } from './learn/assignment';
import { SCOPES } from './admin/admin-models';
import { CERTIFICATE_STATUSES } from './hr/hr-models';
import { POLICY_KINDS } from './shared/policy-kinds';

function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? keysOf(value as object, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|html)$/.test(name) && !name.endsWith('.spec.ts')
      ? [path]
      : [];
  });
}

describe('translations', () => {
  const enKeys = new Set(keysOf(en));
  const idKeys = new Set(keysOf(id));

  it('has the same keys in Indonesian and English', () => {
    expect([...enKeys].filter((k) => !idKeys.has(k))).toEqual([]);
    expect([...idKeys].filter((k) => !enKeys.has(k))).toEqual([]);
  });

  it('has no empty text', () => {
    const valueOf = (tree: object, key: string) =>
      key
        .split('.')
        .reduce<unknown>(
          (node, part) => (node as Record<string, unknown>)[part],
          tree,
        );
    const empty = [...enKeys].filter((key) =>
      [en, id].some((tree) => String(valueOf(tree, key)).trim() === ''),
    );
    expect(empty).toEqual([]);
  });

  it('defines every key the code names literally', () => {
    const areas = Object.keys(en).join('|');
    const literal = new RegExp(`'((?:${areas})\\.[A-Za-z_][\\w.]*[\\w])'`, 'g');
    const used = sourceFiles(__dirname).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(literal)].map((m) => m[1]),
    );
    expect(used.length).toBeGreaterThan(100);
    expect([...new Set(used)].filter((key) => !enKeys.has(key))).toEqual([]);
  });

  it('defines the keys built from API values', () => {
    const built = [
      ...ASSIGNMENT_STATUSES.map((s) => `learn.status.${s}`),
      ...ROLES.map((r) => `roles.${r}`),
      ...SCOPES.map((s) => `scope.${s}`),
      ...NEXT_STEPS.map((s) => `learn.next.${s}`),
      ...POLICY_KINDS.map((k) => `policyKinds.${k}`),
      ...CERTIFICATE_STATUSES.map((s) => `hr.certificates.status.${s}`),
    ];
    expect(built.filter((key) => !enKeys.has(key))).toEqual([]);
  });
});
