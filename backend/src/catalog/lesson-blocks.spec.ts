import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatProblems, interactiveProblems, loadContent, readingTimeProblems } from './content-loader';

const MODULE = `slug: sample
title: { id: Contoh, en: Sample }
summary: { id: Ringkasan, en: Summary }
audience: everyone
estimatedMinutes: 2
passMark: 80
recertificationMonths: 12
minSecondsPerLesson: 30
lessons:
  - id: one
  - id: two
`;
const question = (id: string, topic: string) => `  - id: ${id}
    topic: ${topic}
    text: { id: "Tanya ${id}", en: "Ask ${id}" }
    options:
      - id: a
        text: { id: "Tidak pernah", en: "Never at all" }
        explanation: { id: "Salah", en: "Wrong" }
      - id: b
        correct: true
        text: { id: "Ya", en: "Yes" }
        explanation: { id: "Benar", en: "Right" }
`;
const QUIZ = `questions:\n${question('q1', 'consent')}${question('q2', 'forms')}`;

/** Lines: the check's type at 1, its options at 6, option b's correct at 11; the scenario's type at 14. */
const CHECK = `- type: check
  id: check-silence
  multiple: false
  question: { id: "Diam berarti setuju?", en: "Does silence mean yes?" }
  options:
    - id: a
      text: { id: "Ya", en: "Yes" }
      feedback: { id: "Salah.", en: "Wrong." }
    - id: b
      text: { id: "Tidak", en: "No" }
      correct: true
      feedback: { id: "Benar.", en: "Correct." }
`;
/** Nodes: start at line 18, mid at 24, end-good at 28 (scenario starts at line 1 of this text). */
const SCENARIO = (nodes?: string) => `- type: scenario
  id: scenario-lift
  title: { id: "Di lift", en: "In the lift" }
  start: start
  debrief: { id: "Ringkasan", en: "Debrief" }
  nodes:
${
  nodes ??
  `    - id: start
      text: { id: "Awal", en: "Start" }
      choices:
        - { text: { id: "Tegur", en: "Speak up" }, consequence: { id: "Ia berhenti", en: "He stops" }, next: mid }
        - { text: { id: "Diam", en: "Say nothing" }, consequence: { id: "Ia lanjut", en: "He goes on" }, next: end-good }
    - id: mid
      text: { id: "Tengah", en: "Middle" }
      choices:
        - { text: { id: "Lapor", en: "Report" }, consequence: { id: "Satgas tahu", en: "The Satgas knows" }, next: end-good }
    - id: end-good
      end: true
      text: { id: "Selesai", en: "The end" }
`
}`;
const REFLECTION = `- type: reflection
  id: reflection-team
  prompt: { id: "Apa yang akan Anda ubah?", en: "What will you change?" }
`;

function writeModule(root: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    const path = join(root, 'modules', '01-sample', name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
  }
}

const valid = (): Record<string, string> => ({
  'module.yaml': MODULE,
  'quiz.yaml': QUIZ,
  'lessons/one.id.md': '# Satu\n\nAwal.\n\n<!-- block: check-silence -->\n\nAkhir {{org.name}}.\n',
  'lessons/one.en.md': '# One\n\nStart.\n\n<!-- block: check-silence -->\n\nEnd {{org.name}}.\n',
  'lessons/one.blocks.yaml': CHECK + SCENARIO(),
  'lessons/two.id.md': '# Dua\n\nTeks.\n',
  'lessons/two.en.md': '# Two\n\nText.\n',
  'lessons/two.blocks.yaml': REFLECTION,
});

describe('interactive blocks and the pre-test in the content loader', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'aman-blocks-spec-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const problems = () => formatProblems(loadContent(root).problems);
  const F = 'modules/01-sample/lessons/one.blocks.yaml';

  it('places blocks at their markers, appends the rest in file order, and hashes the new files into the version', () => {
    writeModule(root, valid());
    const first = loadContent(root);
    expect(first.problems).toEqual([]);
    const [one, two] = first.modules[0].lessons;
    expect(one.blocks.map((b) => [b.type, b.id])).toEqual([['check', 'check-silence'], ['scenario', 'scenario-lift']]);
    expect(one.parts.en).toEqual([
      { markdown: '# One\n\nStart.\n' },
      { blockId: 'check-silence' },
      { markdown: '\nEnd {{org.name}}.\n' },
      { blockId: 'scenario-lift' },
    ]);
    expect(one.parts.id.map((p) => ('blockId' in p ? p.blockId : 'md'))).toEqual(['md', 'check-silence', 'md', 'scenario-lift']);
    expect(one.source.en).not.toContain('<!--');
    expect(two.parts.id).toEqual([{ markdown: '# Dua\n\nTeks.\n' }, { blockId: 'reflection-team' }]);
    expect(one.blocks[0]).toMatchObject({ multiple: false, options: [{ id: 'a', correct: false }, { id: 'b', correct: true, feedback: { en: 'Correct.' } }] });

    writeModule(root, { 'lessons/two.blocks.yaml': REFLECTION.replace('change?', 'change now?') });
    const second = loadContent(root).modules[0].version;
    expect(second).not.toBe(first.modules[0].version);
    writeModule(root, { 'pretest.yaml': `questions:\n${question('p1', 'consent')}${question('p2', 'forms')}` });
    expect(loadContent(root)).toMatchObject({ problems: [], modules: [{ pretest: [{ id: 'p1' }, { id: 'p2' }] }] });
    expect(loadContent(root).modules[0].version).not.toBe(second);
  });

  it('reports an unknown type, a duplicate id in the module, a second scenario and a missing translation with their lines', () => {
    writeModule(root, {
      ...valid(),
      'lessons/one.blocks.yaml': CHECK + SCENARIO() + '- type: quiz\n  id: other\n',
      'lessons/two.blocks.yaml': REFLECTION.replace('en: "What will you change?"', 'en: ""') + CHECK + SCENARIO().replace('id: scenario-lift', 'id: scenario-two'),
    });
    const text = problems();
    expect(text).toContain(`${F}:31: block 3: unknown block type "quiz": use check, scenario, reflection`);
    const two = 'modules/01-sample/lessons/two.blocks.yaml';
    expect(text).toContain(`${two}:3: missing translation: reflection "reflection-team" prompt in English (en)`);
    expect(text).toContain(`${two}:5: duplicate block id "check-silence" (block ids are unique in the module; also in ${F})`);
    expect(text).toContain(`${two}:16: block "scenario-two": a module has one scenario (already "scenario-lift")`);
    expect(loadContent(root).modules).toEqual([]);
  });

  it('reports markers naming no block, placed twice or differing between the languages', () => {
    writeModule(root, {
      ...valid(),
      'lessons/one.id.md': '# Satu\n\n<!-- block: check-silence -->\n<!-- block: nothing-here -->\n<!-- block: check-silence -->\n',
      'lessons/two.en.md': '# Two\n\n<!-- block: reflection-team -->\n',
    });
    const text = problems();
    expect(text).toContain('modules/01-sample/lessons/one.id.md:4: marker names block "nothing-here", which lessons/one.blocks.yaml does not have');
    expect(text).toContain('modules/01-sample/lessons/one.id.md:5: block "check-silence" is placed twice');
    const differ = (lesson: string) => `the block markers of modules/01-sample/lessons/${lesson}.id.md and modules/01-sample/lessons/${lesson}.en.md differ here`;
    expect(text).toContain(`modules/01-sample/lessons/one.id.md:4: ${differ('one')}`);
    expect(text).toContain(`modules/01-sample/lessons/two.en.md:3: ${differ('two')}`);
  });

  it('reports a check with a wrong number of options or of correct options', () => {
    writeModule(root, { ...valid(), 'lessons/one.blocks.yaml': CHECK.replace('      text: { id: "Ya", en: "Yes" }', '      correct: true\n      text: { id: "Ya", en: "Yes" }') });
    expect(problems()).toBe(`${F}:6: check "check-silence" is single-choice but has 2 correct options (set multiple: true)`);
    writeModule(root, { 'lessons/one.blocks.yaml': CHECK.replace('      correct: true\n', '') });
    expect(problems()).toBe(`${F}:6: check "check-silence" has no correct option`);
    writeModule(root, { 'lessons/one.blocks.yaml': CHECK.split('    - id: b')[0] });
    expect(problems()).toBe(`${F}:6: check "check-silence" needs 2–5 options`);
    // Several correct options are fine when multiple.
    writeModule(root, { 'lessons/one.blocks.yaml': CHECK.replace('multiple: false', 'multiple: true').replace('      text: { id: "Ya", en: "Yes" }', '      correct: true\n      text: { id: "Ya", en: "Yes" }') });
    expect(problems()).toBe('');
  });

  describe('scenario graphs', () => {
    const node = (id: string, next: string[], end = false) =>
      `    - id: ${id}\n      text: { id: "T ${id}", en: "T ${id}" }\n` +
      (end ? '      end: true\n' : '') +
      (next.length ? `      choices:\n${next.map((n) => `        - { text: { id: "P", en: "C" }, consequence: { id: "A", en: "R" }, next: ${n} }\n`).join('')}` : '');
    const graph = (nodes: string) => {
      writeModule(root, { ...valid(), 'lessons/one.id.md': '# Satu\n', 'lessons/one.en.md': '# One\n', 'lessons/one.blocks.yaml': SCENARIO(nodes) });
      return problems();
    };
    const S = `${F}`;

    it('accepts branches that join again (a diamond) as long as every path ends', () => {
      expect(graph(node('start', ['a', 'b']) + node('a', ['end']) + node('b', ['end', 'a']) + node('end', [], true))).toBe('');
    });

    it('reports an unreachable node, a dead end, a next to an unknown node and an end node with choices', () => {
      // start at line 7, a at 11, lost at 15, end at 19 (each node 4 lines with one choice).
      const text = graph(node('start', ['a', 'nowhere']) + node('a', ['end']) + node('lost', ['end']) + node('end', [], true) + node('stuck', []));
      expect(text).toContain(`${S}:11: scenario "scenario-lift" node "start" choice 2: next "nowhere" is not a node`);
      expect(text).toContain(`${S}:16: scenario "scenario-lift": node "lost" is unreachable from start "start"`);
      expect(text).toContain(`${S}:23: scenario "scenario-lift": dead end: node "stuck" is not an end (end: true) and has no choices`);
      writeModule(root, { 'lessons/one.blocks.yaml': SCENARIO(node('start', ['end']) + node('end', ['start'], true)) });
      expect(problems()).toContain(`${S}:15: scenario "scenario-lift": end node "end" has choices (an ending has none)`);
      writeModule(root, { 'lessons/one.blocks.yaml': SCENARIO(node('first', ['end']) + node('end', [], true)) });
      expect(problems()).toBe(`${S}:4: scenario "scenario-lift": start "start" is not a node`);
    });

    it('reports a cycle at the choice that closes it', () => {
      const text = graph(node('start', ['a']) + node('a', ['b', 'end']) + node('b', ['start']) + node('end', [], true));
      expect(text).toBe(`${S}:19: scenario "scenario-lift": cycle start → a → b → start (every path must reach an end)`);
    });
  });

  it('asks (in content:check) the lessons to add up to half the estimated minutes at least', () => {
    // estimatedMinutes 2 → 60 seconds; two lessons of 30 seconds pass.
    writeModule(root, valid());
    expect(readingTimeProblems(root, loadContent(root).modules)).toEqual([]);
    writeModule(root, { 'module.yaml': MODULE.replace('estimatedMinutes: 2', 'estimatedMinutes: 3') });
    expect(formatProblems(readingTimeProblems(root, loadContent(root).modules))).toBe(
      "modules/01-sample/module.yaml:5: the lessons ask 60 seconds of reading in all, less than half of estimatedMinutes (3 × 30 = 90): raise the lessons' minSeconds or lower estimatedMinutes",
    );
    writeModule(root, { 'module.yaml': MODULE.replace('estimatedMinutes: 2', 'estimatedMinutes: 3').replace('  - id: two\n', '  - id: two\n    minSeconds: 60\n') });
    expect(readingTimeProblems(root, loadContent(root).modules)).toEqual([]);
  });

  it('asks (in content:check) every module for a scenario, a reflection, a check and a pre-test', () => {
    writeModule(root, valid());
    expect(formatProblems(interactiveProblems(root, loadContent(root).modules))).toBe(
      'modules/01-sample/module.yaml:1: module "sample" lacks pretest.yaml (content/README.md, "Interactive blocks")',
    );
    writeModule(root, { 'lessons/two.blocks.yaml': '[]\n', 'pretest.yaml': `questions:\n${question('p1', 'consent')}${question('p2', 'forms')}` });
    expect(formatProblems(interactiveProblems(root, loadContent(root).modules))).toBe(
      'modules/01-sample/module.yaml:1: module "sample" lacks a reflection block (content/README.md, "Interactive blocks")',
    );
    writeModule(root, { 'lessons/two.blocks.yaml': REFLECTION });
    expect(interactiveProblems(root, loadContent(root).modules)).toEqual([]);
  });

  describe('pre-test', () => {
    const pretest = (body: string) => {
      writeModule(root, { ...valid(), 'pretest.yaml': body });
      return problems();
    };

    it('refuses a question id of the quiz, a topic the quiz does not have, a quiz topic left out and perAttempt', () => {
      const P = 'modules/01-sample/pretest.yaml';
      expect(pretest(`questions:\n${question('q1', 'consent')}${question('p2', 'myths')}`)).toBe(
        [
          `${P}:2: pre-test question "q1" has the id of a quiz question: the pre-test's questions are its own`,
          `${P}:14: pre-test question "p2": topic "myths" is not a topic of quiz.yaml`,
          `${P}:2: the pre-test does not cover the quiz's topic(s) "forms": one question per quiz topic at least`,
        ].join('\n'),
      );
      expect(pretest(`perAttempt: 2\nquestions:\n${question('p1', 'consent')}${question('p2', 'forms')}`)).toBe(`${P}:1: a pre-test asks all its questions: remove perAttempt`);
      expect(pretest(`questions:\n${question('p1', 'consent')}${question('p2', 'forms')}`)).toBe('');
    });
  });
});
