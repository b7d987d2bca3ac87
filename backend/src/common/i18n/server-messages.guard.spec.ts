import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { isCatalogued } from './translate';

/**
 * A message added without its Indonesian entry goes out in English, and nothing says so. This reads
 * the backend's source and lists every literal message a person can get that the catalogue
 * (server-messages.ts) does not know:
 * - the first argument of `new …Exception(…)` (a string, or the `message` of an object);
 * - the message of `fieldError(field, message)` and of the other `(field, message)` helpers below;
 * - every `message: '…'` property: validation options (`@IsIn(…, { message })`), `{ field, message }`
 *   problems, exception bodies.
 * A `${…}` in a template stands for a value (the catalogue's `{n}`, `{field}`); class-validator's
 * `$property` and `$constraint1` too. Messages wholly made of values say nothing to check.
 */

const SRC = fileURLToPath(new URL('../..', import.meta.url));
/** Helpers whose last argument is a message said to a person (a 400 naming a field, an import line's problem). */
const MESSAGE_HELPERS = new Set(['fieldError', 'badField', 'badRequest', 'bad', 'fieldConflict', 'fail', 'refused', 'dueOnProblem', 'parentError']);

/** Files whose messages are not said to a person by the server, with the reason. */
const NOT_SERVER_MESSAGES: ReadonlyArray<{ file: string; why: string }> = [
  { file: 'catalog/content-loader.ts', why: 'content problems, for the operator and content authors at start-up (file and line)' },
  { file: 'catalog/lesson-blocks.ts', why: 'content problems, as above' },
  { file: 'catalog/yaml-file.ts', why: 'content problems, as above' },
  { file: 'surveys/survey-content.ts', why: 'questionnaire files, as above' },
];

interface Found {
  where: string;
  text: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The texts a literal stands for (both of `a ? '…' : '…'`), values as `x1`; none when it is no literal. */
function literalTexts(node: ts.Node): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node)) return [node.head.text + node.templateSpans.map((span) => `x1${span.literal.text}`).join('')];
  if (ts.isParenthesizedExpression(node)) return literalTexts(node.expression);
  if (ts.isConditionalExpression(node)) return [...literalTexts(node.whenTrue), ...literalTexts(node.whenFalse)];
  return [];
}

function messagesIn(file: string): Found[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Found[] = [];
  const add = (node: ts.Node | undefined) => {
    if (!node) return;
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    for (const text of literalTexts(node)) found.push({ where: `${relative(SRC, file)}:${line + 1}`, text });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && /Exception$/.test(node.expression.getText(source))) {
      const first = node.arguments?.[0];
      if (first && !ts.isObjectLiteralExpression(first)) add(first);
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && MESSAGE_HELPERS.has(node.expression.text)) {
      add(node.arguments.at(-1));
    }
    if (ts.isPropertyAssignment(node) && node.name.getText(source) === 'message') add(node.initializer);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * Worth checking: some words of its own, not only values, and not `field: ${message}` (a helper
 * naming the field of a message its callers give, and those are checked where they are written).
 */
const hasWords = (text: string) => /[A-Za-z]{3,}/.test(text.replace(/\bx1\b/g, '')) && !/^[\w.$-]+: x1$/.test(text);

export function uncataloguedMessages(): Found[] {
  const skipped = new Set(NOT_SERVER_MESSAGES.map((n) => join(SRC, n.file)));
  return sourceFiles(SRC)
    .filter((file) => !file.endsWith(join('i18n', 'server-messages.ts')) && !skipped.has(file))
    .flatMap(messagesIn)
    .map((m) => ({ ...m, text: m.text.replace(/\$(property|value|constraint\d)/g, 'x1') }))
    .filter((m) => hasWords(m.text) && !isCatalogued(m.text));
}

describe('server messages guard (every literal message has an Indonesian entry)', () => {
  it('finds the messages it looks for (the scan itself works)', () => {
    const all = sourceFiles(SRC).flatMap(messagesIn);
    expect(all.length).toBeGreaterThan(300);
    expect(all.map((m) => m.text)).toContain('Certificate not found');
    // A message nobody catalogued would be reported.
    expect(isCatalogued('A message added later without its Indonesian entry')).toBe(false);
  });

  it('has every one of them in server-messages.ts', () => {
    const missing = uncataloguedMessages().map((m) => `${m.where}  ${m.text}`);
    expect(missing).toEqual([]);
  });
});
