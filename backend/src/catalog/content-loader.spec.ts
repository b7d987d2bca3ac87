import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatProblems, loadContent } from './content-loader';

const MODULE = `slug: sample
title:
  id: Contoh
  en: Sample
summary:
  id: Ringkasan
  en: Summary
audience: everyone
estimatedMinutes: 10
passMark: 80
recertificationMonths: 12
minSecondsPerLesson: 30
lessons:
  - id: one
`;
const QUIZ = `questions:
  - id: q1
    multiple: false
    text: { id: "Tanya", en: "Ask" }
    options:
      - id: a
        correct: true
        text: { id: "Ya", en: "Yes" }
        explanation: { id: "Benar", en: "Right" }
      - id: b
        text: { id: "Tidak", en: "No" }
        explanation: { id: "Salah", en: "Wrong" }
`;

/** A single-choice question whose key is neither the longest option nor marked. */
const QUESTION = (id: string, topic?: string): string => `  - id: ${id}
${topic ? `    topic: ${topic}\n` : ''}    text: { id: "Tanya ${id}", en: "Ask ${id}" }
    options:
      - id: a
        text: { id: "Tidak pernah", en: "Never at all" }
        explanation: { id: "Salah", en: "Wrong" }
      - id: b
        correct: true
        text: { id: "Ya", en: "Yes" }
        explanation: { id: "Benar", en: "Right" }
`;

function writeModule(root: string, folder: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    const path = join(root, 'modules', folder, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
  }
}

const valid = (): Record<string, string> => ({
  'module.yaml': MODULE,
  'quiz.yaml': QUIZ,
  'lessons/one.id.md': '# Satu\n\nHalo {{org.name}}.\n\n{{> help}}\n',
  'lessons/one.en.md': '# One\n\nHello {{org.name}}.\n\n{{> help}}\n',
});

describe('content loader', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'aman-content-spec-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('loads a valid module with a version that changes with any file', () => {
    writeModule(root, '01-sample', valid());
    const first = loadContent(root);
    expect(first.problems).toEqual([]);
    expect(first.modules[0]).toMatchObject({ slug: 'sample', passMark: 80, lessons: [{ id: 'one', minSeconds: 30, title: { id: 'Satu', en: 'One' } }] });
    writeModule(root, '01-sample', { 'lessons/one.en.md': '# One\n\nHello again.\n' });
    expect(loadContent(root).modules[0].version).not.toBe(first.modules[0].version);
  });

  it('reports bad YAML with its file and line', () => {
    writeModule(root, '01-sample', { ...valid(), 'quiz.yaml': 'questions:\n  - id: q1\n    text: [unclosed\n' });
    expect(formatProblems(loadContent(root).problems)).toMatch(/^modules\/01-sample\/quiz\.yaml:\d+: invalid YAML/);
  });

  it('reports a missing translation, an empty lesson and an unknown placeholder with lines', () => {
    const files = valid();
    files['module.yaml'] = MODULE.replace('  en: Summary\n', '') + '  - id: two\n';
    files['lessons/one.en.md'] = '# One\n\nLine two\n{{org.address}}\n';
    files['lessons/two.id.md'] = '   \n';
    files['lessons/two.en.md'] = '# Two\n\n{{> secrets}}\n';
    writeModule(root, '01-sample', files);
    const text = formatProblems(loadContent(root).problems);
    expect(text).toContain('modules/01-sample/module.yaml:6: missing translation: summary in English (en)');
    expect(text).toContain('modules/01-sample/lessons/one.en.md:4: unknown placeholder {{org.address}}');
    expect(text).toContain('modules/01-sample/lessons/two.id.md:1: empty lesson "two"');
    expect(text).toContain('modules/01-sample/lessons/two.en.md:3: unknown placeholder {{> secrets}}');
  });

  it('reports duplicate ids and a correct answer that is not an option', () => {
    const quiz = QUIZ.replace('      - id: b', '      - id: a') + '  - id: q1\n    answers: [z]\n    text: { id: "T", en: "T" }\n    options:\n      - id: a\n        text: { id: "x", en: "x" }\n        explanation: { id: "x", en: "x" }\n      - id: b\n        text: { id: "y", en: "y" }\n        explanation: { id: "y", en: "y" }\n';
    writeModule(root, '01-sample', { ...valid(), 'quiz.yaml': quiz });
    writeModule(root, '02-copy', valid());
    writeModule(root, '03-copy', valid());
    const text = formatProblems(loadContent(root).problems);
    expect(text).toContain('modules/01-sample/quiz.yaml:10: question "q1": duplicate option id "a"');
    expect(text).toContain('modules/01-sample/quiz.yaml:13: duplicate question id "q1"');
    expect(text).toContain('modules/01-sample/quiz.yaml:14: question "q1": correct answer "z" is not one of its options');
    expect(text).toContain('modules/03-copy/module.yaml:1: duplicate slug "sample" (also in modules/02-copy)');
  });

  it('gives each question a topic (its id when none is written) and an attempt size (the bank by default)', () => {
    writeModule(root, '01-sample', { ...valid(), 'quiz.yaml': QUIZ + QUESTION('q2', 'consent') + QUESTION('q3', 'consent') });
    const module = loadContent(root).modules[0];
    expect(module.questions.map((q) => [q.id, q.topic])).toEqual([['q1', 'q1'], ['q2', 'consent'], ['q3', 'consent']]);
    expect(module.perAttempt).toBe(3);
    writeModule(root, '01-sample', { 'quiz.yaml': `perAttempt: 2\n${QUIZ}${QUESTION('q2', 'consent')}${QUESTION('q3', 'consent')}` });
    expect(loadContent(root)).toMatchObject({ problems: [], modules: [{ perAttempt: 2 }] });
  });

  it('refuses an attempt size below the number of topics or above the bank, and a topic that is not a slug', () => {
    const bank = `${QUIZ}${QUESTION('q2', 'consent')}${QUESTION('q3', 'consent')}`;
    for (const perAttempt of ['1', '4', '2.5', '"all"']) {
      writeModule(root, '01-sample', { ...valid(), 'quiz.yaml': `perAttempt: ${perAttempt}\n${bank}` });
      const result = loadContent(root);
      expect(result.modules).toEqual([]);
      expect(formatProblems(result.problems)).toBe(
        `modules/01-sample/quiz.yaml:1: perAttempt must be a whole number from 2 (the number of topics) to 3 (the questions in the bank)`,
      );
    }
    writeModule(root, '01-sample', { ...valid(), 'quiz.yaml': QUIZ + QUESTION('q2', 'Consent Basics') });
    expect(formatProblems(loadContent(root).problems)).toBe('modules/01-sample/quiz.yaml:14: question "q2": topic must be lowercase letters, digits and single hyphens');
  });

  it('accepts the real content of the repository', () => {
    const real = loadContent(join(process.cwd(), '..', 'content'));
    expect(formatProblems(real.problems)).toBe('');
    expect(real.modules.length).toBeGreaterThanOrEqual(6);
    for (const module of real.modules) {
      expect(module.questions.length).toBeGreaterThanOrEqual(6);
      expect(module.questions.length).toBeLessThanOrEqual(10);
      expect(module.lessons[0].source.id).toContain('{{> help}}');
    }
  });
});
