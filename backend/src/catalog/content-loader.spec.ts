import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatProblems, loadContent, readingTimeProblems } from './content-loader';

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
        text: { id: "Tidak", en: "Never" }
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

interface Choice {
  /** Written position of the key: 0 = a. */
  key: number;
  /** Key text; by default shorter than every wrong option in both languages. */
  keyText?: { id: string; en: string };
  wrongText?: { id: string; en: string };
}

/**
 * A quiz of four-option single-choice questions, 19 lines each from line 2, option o of question i
 * at line 5 + 19 i + 4 o — so that tests can name the line a problem must point at.
 */
const choices = (questions: Choice[]): string =>
  'questions:\n' +
  questions
    .map(({ key, keyText = { id: 'Lapor', en: 'Report' }, wrongText = { id: 'Diam saja dulu', en: 'Stay silent now' } }, i) => {
      const options = [0, 1, 2, 3].map((o) => {
        const text = o === key ? keyText : { id: `${wrongText.id} ${o}`, en: `${wrongText.en} ${o}` };
        return `      - id: ${String.fromCharCode(97 + o)}\n        correct: ${o === key}\n        text: { id: "${text.id}", en: "${text.en}" }\n        explanation: { id: "Karena", en: "Because" }\n`;
      });
      return `  - id: q${i + 1}\n    text: { id: "Tanya ${i + 1}", en: "Ask ${i + 1}" }\n    options:\n${options.join('')}`;
    })
    .join('');
const optionLine = (question: number, option: number): number => 5 + 19 * (question - 1) + 4 * option;
const LONG_KEY = { id: 'Melapor ke Satgas sesuai prosedur', en: 'Report it to the Satgas as the SOP says' };

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

  describe('predictable keys', () => {
    const check = (questions: Choice[]): string => {
      writeModule(root, '01-sample', { ...valid(), 'quiz.yaml': choices(questions) });
      return formatProblems(loadContent(root).problems);
    };

    it('fails a quiz whose key is the longest option in more than half of its single-choice questions, naming each', () => {
      const text = check([{ key: 0, keyText: LONG_KEY }, { key: 1, keyText: LONG_KEY }, { key: 2 }, { key: 3, keyText: LONG_KEY }, { key: 0 }]);
      const longest = (q: number, o: number, langs: string) =>
        `modules/01-sample/quiz.yaml:${optionLine(q, o)}: question "q${q}": the correct option "${String.fromCharCode(97 + o)}" is the longest (${langs}); the key is the longest option in 3 of 5 single-choice questions, at most half may be`;
      expect(text).toContain(longest(1, 0, 'id, en'));
      expect(text).toContain(longest(2, 1, 'id, en'));
      expect(text).toContain(longest(4, 3, 'id, en'));
      expect(text.split('\n')).toHaveLength(3);
      // Two of five is not more than half.
      expect(check([{ key: 0, keyText: LONG_KEY }, { key: 1, keyText: LONG_KEY }, { key: 2 }, { key: 3 }, { key: 0 }])).toBe('');
    });

    it('counts a key that is longest in one language only, or tied for the longest, as the longest', () => {
      const enOnly = { id: 'Lapor', en: 'Report it to the Satgas as the SOP says' };
      const tied = { id: 'Diam saja dulu 9', en: 'Stay silent now 9' };
      const text = check([{ key: 0, keyText: enOnly }, { key: 1, keyText: tied }, { key: 2 }, { key: 3 }, { key: 0, keyText: tied }]);
      expect(text).toContain(`quiz.yaml:${optionLine(1, 0)}: question "q1": the correct option "a" is the longest (en);`);
      expect(text).toContain(`quiz.yaml:${optionLine(2, 1)}: question "q2": the correct option "b" is the longest (id, en);`);
      expect(text).toContain(`quiz.yaml:${optionLine(5, 0)}: question "q5": the correct option "a" is the longest (id, en);`);
    });

    it('fails key positions heavily skewed: one position over 1.6 times its fair share', () => {
      const text = check([{ key: 1 }, { key: 1 }, { key: 0 }, { key: 1 }, { key: 2 }, { key: 3 }, { key: 1 }]);
      for (const q of [1, 2, 4, 7]) {
        expect(text).toContain(`modules/01-sample/quiz.yaml:${optionLine(q, 1)}: question "q${q}": its key is in position b, which holds 4 of 7 single-choice keys (a fair share is 1.8): spread the keys over the positions`);
      }
      expect(text.split('\n')).toHaveLength(4);
      // 2 of 5 in one position is within 1.6 × 1.25.
      expect(check([{ key: 1 }, { key: 1 }, { key: 0 }, { key: 2 }, { key: 3 }])).toBe('');
      // Too few questions to judge.
      expect(check([{ key: 1 }, { key: 1 }, { key: 1 }, { key: 1 }])).toBe('');
    });

    it('fails a position that never holds a key when its fair share is two or more', () => {
      const skewed = [0, 1, 2, 0, 1, 2, 0, 1].map((key) => ({ key }));
      expect(check(skewed)).toBe('modules/01-sample/quiz.yaml:2: no single-choice key is in position d (a fair share is 2.0 of 8): move some keys there');
      expect(check([0, 1, 2, 3, 0, 1, 2, 3].map((key) => ({ key })))).toBe('');
      // Six questions: a fair share of 1.5 may be empty.
      expect(check([0, 1, 2, 0, 1, 2].map((key) => ({ key })))).toBe('');
    });

    it('fails a correct option carrying a label, a bracketed part or a phrase the wrong options lack', () => {
      const spread = [0, 1, 2, 3, 0, 1].map((key) => ({ key }));
      const label = (keyText: { id: string; en: string }, wrongText?: { id: string; en: string }) => {
        const questions: Choice[] = spread.map((q, i) => (i === 2 ? { ...q, keyText, wrongText } : q));
        return check(questions);
      };
      expect(label({ id: 'Lapor (disarankan)', en: 'Report' })).toBe(
        `modules/01-sample/quiz.yaml:${optionLine(3, 2) + 2}: question "q3": the correct option "c" carries "(disarankan)" (id), which no wrong option has: reword it or give wrong options the same form`,
      );
      expect(label({ id: 'Lapor', en: 'All of the above' })).toContain(`question "q3": the correct option "c" carries "all of the above" (en)`);
      expect(label({ id: 'Semua benar', en: 'Every one' })).toContain(`question "q3": the correct option "c" carries "semua benar" (id)`);
      expect(label({ id: 'Benar: lapor', en: 'Report' })).toContain(`question "q3": the correct option "c" carries "benar:" (id)`);
      expect(label({ id: 'Lapor', en: 'Report [best]' })).toContain(`question "q3": the correct option "c" carries "[best]" (en)`);
      // A citation's subsection number is no label.
      expect(label({ id: 'Pasal 5 ayat (1)', en: 'Article 27(4)' })).toBe('');
      // The same form in wrong options is no cue.
      expect(label({ id: 'Lapor (Pasal 5)', en: 'Report' }, { id: 'Diam saja (Pasal 9)', en: 'Stay silent now' })).toBe('');
      expect(label({ id: 'Langkah: lapor', en: 'Report' }, { id: 'Langkah: diam saja dulu', en: 'Stay silent now' })).toBe('');
      expect(label({ id: 'Semua benar', en: 'Report' }, { id: 'Semua benar kecuali ini', en: 'Stay silent now' })).toBe('');
      // Each phrase is its own kind: another phrase in the wrong options does not hide it.
      expect(label({ id: 'Semua benar', en: 'Report' }, { id: 'Tidak ada yang benar', en: 'Stay silent now' })).toContain(`carries "semua benar" (id)`);
    });
  });

  it('finds the real content reading at least half its estimated time (content:check)', () => {
    const dir = join(process.cwd(), '..', 'content');
    expect(formatProblems(readingTimeProblems(dir, loadContent(dir).modules))).toBe('');
  });

  it('accepts the real content of the repository, keys unpredictable, each module a bank larger than an attempt', () => {
    const real = loadContent(join(process.cwd(), '..', 'content'));
    expect(formatProblems(real.problems)).toBe('');
    expect(real.modules.length).toBeGreaterThanOrEqual(6);
    for (const module of real.modules) {
      expect(module.perAttempt).toBeGreaterThanOrEqual(6);
      expect(module.perAttempt).toBeLessThanOrEqual(10);
      expect(module.questions.length).toBeGreaterThan(module.perAttempt);
      // Two questions or more per topic, so that a retake can ask about the same thing in other words.
      const perTopic = new Map<string, number>();
      for (const q of module.questions) perTopic.set(q.topic, (perTopic.get(q.topic) ?? 0) + 1);
      const lonely = [...perTopic].filter(([, count]) => count < 2).map(([topic]) => topic);
      expect({ slug: module.slug, lonely }).toEqual({ slug: module.slug, lonely: [] });
      expect(module.lessons[0].source.id).toContain('{{> help}}');
    }
  });
});
