import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The trail viewer shows each action in words (frontend catalogue `auditActions.<action>`, id and
 * en). Actions are written in many places (services, SQL functions in migrations), so this reads the
 * sources: every action-like name in a file that writes to the trail must have a phrase, or be listed
 * below as a name that is not an action. A new action without a phrase fails here.
 */
const SRC = join(process.cwd(), 'src');
const CATALOGUES = join(process.cwd(), '..', 'frontend', 'public', 'i18n');

/** Dotted names in trail-writing files that are not actions, and what they are. */
const NOT_ACTIONS: Record<string, string> = {
  'assignment.due_soon': 'a reminder mail kind',
  'assignment.overdue': 'a reminder mail kind',
  'assignment.escalation': 'a reminder mail kind',
  'g.g': 'SQL in the large seeder',
  'mo.position': 'SQL in the seeders',
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Files that write entries: through the service, or in SQL (the quiz's one-statement submission). */
const writesTrail = (text: string) => /AuditTrailService|INSERT INTO audit_entries/.test(text);
const DOTTED = /['"`]([a-z][a-z0-9_]*\.[a-z][a-z0-9_]*)['"`]/g;

function writtenActions(): { actions: Map<string, string>; built: string[] } {
  const actions = new Map<string, string>();
  const built: string[] = [];
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    const where = relative(SRC, file);
    // Anywhere: `action: '…'` is an action, whichever file hands it to the trail.
    for (const m of text.matchAll(/\baction: ['"]([a-z][a-z0-9_]*\.[a-z][a-z0-9_]*)['"]/g)) actions.set(m[1], where);
    if (!writesTrail(text)) continue;
    for (const m of text.matchAll(DOTTED)) if (!(m[1] in NOT_ACTIONS)) actions.set(m[1], where);
    // An action put together at run time cannot be checked: it must be written in full.
    for (const m of text.matchAll(/\baction: `[^`]*\$\{/g)) built.push(`${where}: ${m[0]}`);
  }
  return { actions, built };
}

function phrase(catalogue: Record<string, unknown>, action: string): unknown {
  return ['auditActions', ...action.split('.')].reduce<unknown>(
    (node, part) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
    catalogue,
  );
}

describe('actions written to the audit trail', () => {
  const { actions, built } = writtenActions();

  it('are found in the sources (the scan itself works)', () => {
    expect(actions.size).toBeGreaterThan(50);
    for (const known of ['learning.completed', 'auditor.read', 'finding.reopened', 'case.status_changed', 'learning.attempt_submitted']) {
      expect(actions.has(known)).toBe(true);
    }
  });

  it('are written in full, never built from parts', () => {
    expect(built).toEqual([]);
  });

  it.each(['id', 'en'])('each have a phrase in the %s catalogue', (lang) => {
    const catalogue = JSON.parse(readFileSync(join(CATALOGUES, `${lang}.json`), 'utf8')) as Record<string, unknown>;
    const missing = [...actions].filter(([action]) => typeof phrase(catalogue, action) !== 'string').map(([action, file]) => `${action} (${file})`);
    expect(missing).toEqual([]);
  });
});
