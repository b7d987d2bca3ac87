import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Handlebars from 'handlebars';
import {
  ALLOWED_PARTIALS,
  ALLOWED_VARIABLES,
  LANGS,
  type Audience,
  type CatalogModule,
  type ContentProblem,
  type Lesson,
  type QuizOption,
  type QuizQuestion,
} from './content.types';
import { loadLessonBlocks, placeBlocks, splitAtMarkers, type ModuleBlocks } from './lesson-blocks';
import { YamlFile } from './yaml-file';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ID = /^[a-z0-9][a-z0-9-]*$/;
const AUDIENCES: Audience[] = ['everyone', 'leaders', 'staff', 'satgas'];

/** Checks a lesson's handlebars: only the documented placeholders, with line numbers. */
function checkPlaceholders(source: string, file: string, problems: ContentProblem[]): void {
  let ast: hbs.AST.Program;
  try {
    ast = Handlebars.parse(source);
  } catch (error) {
    const line = Number(/line (\d+)/.exec(String(error))?.[1] ?? 1);
    problems.push({ file, line, message: `invalid placeholder syntax: ${String((error as Error).message).split('\n')[0]}` });
    return;
  }
  const visit = (node: hbs.AST.Node) => {
    const line = node.loc?.start.line ?? 1;
    if (node.type === 'MustacheStatement') {
      const path = (node as hbs.AST.MustacheStatement).path as hbs.AST.PathExpression;
      const name = path.original;
      if (!ALLOWED_VARIABLES.includes(name) || (node as hbs.AST.MustacheStatement).params.length > 0) {
        problems.push({ file, line, message: `unknown placeholder {{${name}}}: use ${ALLOWED_VARIABLES.map((v) => `{{${v}}}`).join(', ')} or a partial` });
      }
    } else if (node.type === 'PartialStatement') {
      const name = ((node as hbs.AST.PartialStatement).name as hbs.AST.PathExpression).original;
      if (!ALLOWED_PARTIALS.includes(name)) {
        problems.push({ file, line, message: `unknown placeholder {{> ${name}}}: the partials are ${ALLOWED_PARTIALS.map((p) => `{{> ${p}}}`).join(', ')}` });
      }
    } else if (node.type === 'BlockStatement' || node.type === 'PartialBlockStatement' || node.type === 'DecoratorBlock') {
      problems.push({ file, line, message: 'block helpers are not allowed in lessons' });
    }
    for (const child of (node as hbs.AST.Program).body ?? []) visit(child);
  };
  visit(ast);
}

function filesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesOf(join(dir, entry.name)) : [join(dir, entry.name)]))
    .sort();
}

function moduleVersion(dir: string): string {
  const hash = createHash('sha256');
  for (const file of filesOf(dir)) {
    hash.update(relative(dir, file).split('\\').join('/')).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function loadQuiz(quiz: YamlFile): { questions: QuizQuestion[]; perAttempt: number } {
  const raw = quiz.get(['questions']);
  if (!Array.isArray(raw) || raw.length === 0) {
    quiz.problem(['questions'], 'questions must be a non-empty list');
    return { questions: [], perAttempt: 0 };
  }
  const problemsBefore = quiz.problemCount;
  const questionIds = new Set<string>();
  const questions = raw.map((q: unknown, qi): QuizQuestion => {
    const at = ['questions', qi];
    const id = String((q as { id?: unknown })?.id ?? '');
    if (!ID.test(id)) quiz.problem([...at, 'id'], `question ${qi + 1}: id must be lowercase letters, digits and hyphens`);
    else if (questionIds.has(id)) quiz.problem([...at, 'id'], `duplicate question id "${id}"`);
    questionIds.add(id);
    const rawTopic = quiz.get([...at, 'topic']);
    if (rawTopic !== undefined && (typeof rawTopic !== 'string' || !SLUG.test(rawTopic))) {
      quiz.problem([...at, 'topic'], `question "${id}": topic must be lowercase letters, digits and single hyphens`);
    }
    // Without a topic a question stands alone: every attempt then asks it.
    const topic = typeof rawTopic === 'string' && SLUG.test(rawTopic) ? rawTopic : id;
    const multiple = quiz.get([...at, 'multiple']) === true;
    const text = quiz.text([...at, 'text'], `question "${id}" text`);
    const rawOptions = quiz.get([...at, 'options']);
    const options: QuizOption[] = [];
    if (!Array.isArray(rawOptions) || rawOptions.length < 2) {
      quiz.problem([...at, 'options'], `question "${id}" needs at least 2 options`);
    } else {
      const optionIds = new Set<string>();
      rawOptions.forEach((o: unknown, oi) => {
        const oat = [...at, 'options', oi];
        const oid = String((o as { id?: unknown })?.id ?? '');
        if (!ID.test(oid)) quiz.problem([...oat, 'id'], `question "${id}" option ${oi + 1}: id must be lowercase letters, digits and hyphens`);
        else if (optionIds.has(oid)) quiz.problem([...oat, 'id'], `question "${id}": duplicate option id "${oid}"`);
        optionIds.add(oid);
        const correct = quiz.get([...oat, 'correct']);
        if (correct !== undefined && typeof correct !== 'boolean') quiz.problem([...oat, 'correct'], `question "${id}" option "${oid}": correct must be true or false`);
        options.push({
          id: oid,
          correct: correct === true,
          text: quiz.text([...oat, 'text'], `question "${id}" option "${oid}" text`),
          explanation: quiz.text([...oat, 'explanation'], `question "${id}" option "${oid}" explanation`),
        });
      });
      const answers = quiz.get([...at, 'answers']);
      if (answers !== undefined) {
        // Tolerated form: `answers: [a, c]` instead of `correct: true` on options.
        for (const [ai, a] of (Array.isArray(answers) ? answers : [answers]).entries()) {
          const option = options.find((o) => o.id === String(a));
          if (!option) quiz.problem([...at, 'answers', ai], `question "${id}": correct answer "${String(a)}" is not one of its options`);
          else option.correct = true;
        }
      }
      const correctCount = options.filter((o) => o.correct).length;
      if (correctCount === 0) quiz.problem([...at, 'options'], `question "${id}" has no correct option`);
      if (!multiple && correctCount > 1) quiz.problem([...at, 'multiple'], `question "${id}" is single-choice but has ${correctCount} correct options (set multiple: true)`);
    }
    return { id, topic, multiple, text, options };
  });

  const topics = new Set(questions.map((q) => q.topic)).size;
  const rawPerAttempt = quiz.get(['perAttempt']);
  let perAttempt = questions.length;
  if (rawPerAttempt !== undefined) {
    if (typeof rawPerAttempt !== 'number' || !Number.isInteger(rawPerAttempt) || rawPerAttempt < topics || rawPerAttempt > questions.length) {
      // Fewer than the topics would leave a topic out of some attempts; more than the bank cannot be drawn.
      quiz.problem(['perAttempt'], `perAttempt must be a whole number from ${topics} (the number of topics) to ${questions.length} (the questions in the bank)`);
    } else {
      perAttempt = rawPerAttempt;
    }
  }
  // Cues are judged on a quiz that is otherwise sound.
  if (problemsBefore === quiz.problemCount) checkCues(quiz, questions);
  return { questions, perAttempt };
}

/**
 * The pre-test: the quiz's format, asked whole (no perAttempt), on the quiz's topics (each of them, no
 * other) with questions of its own, so that its score and the quiz's measure the same knowledge.
 */
function loadPretest(file: YamlFile, quiz: QuizQuestion[]): QuizQuestion[] {
  if (file.get(['perAttempt']) !== undefined) file.problem(['perAttempt'], 'a pre-test asks all its questions: remove perAttempt');
  const before = file.problemCount;
  const { questions } = loadQuiz(file);
  if (file.problemCount !== before || quiz.length === 0) return questions;
  const quizIds = new Set(quiz.map((q) => q.id));
  const quizTopics = new Set(quiz.map((q) => q.topic));
  questions.forEach((q, qi) => {
    if (quizIds.has(q.id)) file.problem(['questions', qi, 'id'], `pre-test question "${q.id}" has the id of a quiz question: the pre-test's questions are its own`);
    if (!quizTopics.has(q.topic)) file.problem(['questions', qi, 'topic'], `pre-test question "${q.id}": topic "${q.topic}" is not a topic of quiz.yaml`);
  });
  const covered = new Set(questions.map((q) => q.topic));
  const missing = [...quizTopics].filter((t) => !covered.has(t));
  if (missing.length > 0) file.problem(['questions'], `the pre-test does not cover the quiz's topic(s) ${missing.map((t) => `"${t}"`).join(', ')}: one question per quiz topic at least`);
  return questions;
}

/**
 * Phrases that mark an option as the answer when only correct options carry them: a test-wise
 * learner picks them without knowing anything. Compared in lower case.
 */
const ANSWER_LABELS = [
  'all of the above', 'none of the above', 'both of the above', 'all of these', 'recommended', 'best answer', 'correct answer',
  'semua di atas', 'semua benar', 'semua jawaban', 'semua pilihan', 'tidak ada yang benar', 'disarankan', 'dianjurkan', 'jawaban terbaik', 'jawaban benar',
];
/**
 * A parenthesised or bracketed part, e.g. a trailing explanation "(as the SOP says)"; not a
 * subsection number of a citation such as "ayat (2)" or "27(4)".
 */
const BRACKETED = /\((?![\p{L}\d]{1,3}\))[^)]*\)|\[[^\]]*\]/u;
/** A leading label such as "Benar:", "Tip:" or "Best:". */
const LEADING_LABEL = /^[\p{L}\s]{1,24}:/u;

/** A key is a position's fair share × this at most (40 % of the keys with four options, 53 % with three). */
const POSITION_SHARE_LIMIT = 1.6;
/** Below this many single-choice questions the key positions say too little to judge. */
const POSITION_MIN_QUESTIONS = 5;

/**
 * The cues an option's text carries (lower case), by kind: a bracketed part, each answer phrase, a
 * leading label. A kind is a cue only when the key carries it and no wrong option does.
 */
function cues(text: string): Map<string, string> {
  const lower = text.toLowerCase();
  const found = new Map<string, string>();
  const bracketed = BRACKETED.exec(lower)?.[0];
  if (bracketed) found.set('(bracketed)', bracketed);
  for (const phrase of ANSWER_LABELS) if (lower.includes(phrase)) found.set(phrase, phrase);
  const label = LEADING_LABEL.exec(lower)?.[0];
  if (label) found.set('(leading label)', label);
  return found;
}

const characters = (text: string): number => [...text].length;
const letter = (position: number): string => String.fromCharCode(97 + position);

/**
 * Fails a quiz whose keys can be found without the knowledge it tests: the key is the longest option
 * in more than half of the single-choice questions (a tie for the longest counts as longest: it still
 * narrows the choice), key positions are heavily skewed, or a correct option carries a label that no
 * wrong option has. Every problem names the question; positions are the written order (a = first).
 */
function checkCues(quiz: YamlFile, questions: QuizQuestion[]): void {
  const single = questions.map((q, qi) => ({ q, qi })).filter(({ q }) => !q.multiple && q.options.some((o) => o.correct));

  const longest = single.flatMap(({ q, qi }) => {
    const key = q.options.findIndex((o) => o.correct);
    const langs = LANGS.filter((lang) => q.options.every((o, oi) => oi === key || characters(o.text[lang]) <= characters(q.options[key].text[lang])));
    return langs.length > 0 ? [{ q, qi, key, langs }] : [];
  });
  if (longest.length * 2 > single.length) {
    for (const { q, qi, key, langs } of longest) {
      quiz.problem(
        ['questions', qi, 'options', key],
        `question "${q.id}": the correct option "${q.options[key].id}" is the longest (${langs.join(', ')}); the key is the longest option in ${longest.length} of ${single.length} single-choice questions, at most half may be: make wrong options as long and plausible as the key`,
      );
    }
  }

  if (single.length >= POSITION_MIN_QUESTIONS) {
    // A position's fair share: each question gives 1/k to each of its k positions.
    const positions = Math.max(...single.map(({ q }) => q.options.length));
    const expected = Array.from({ length: positions }, (_, p) => single.reduce((sum, { q }) => sum + (p < q.options.length ? 1 / q.options.length : 0), 0));
    const observed = expected.map((_, p) => single.filter(({ q }) => q.options.findIndex((o) => o.correct) === p));
    observed.forEach((held, p) => {
      if (held.length > POSITION_SHARE_LIMIT * expected[p]) {
        for (const { q, qi } of held) {
          quiz.problem(
            ['questions', qi, 'options', p],
            `question "${q.id}": its key is in position ${letter(p)}, which holds ${held.length} of ${single.length} single-choice keys (a fair share is ${expected[p].toFixed(1)}): spread the keys over the positions`,
          );
        }
      } else if (held.length === 0 && expected[p] >= 2) {
        quiz.problem(
          ['questions'],
          `no single-choice key is in position ${letter(p)} (a fair share is ${expected[p].toFixed(1)} of ${single.length}): move some keys there`,
        );
      }
    });
  }

  questions.forEach((q, qi) => {
    const wrong = q.options.filter((o) => !o.correct);
    q.options.forEach((o, oi) => {
      if (!o.correct || wrong.length === 0) return;
      for (const lang of LANGS) {
        const wrongCues = wrong.map((w) => cues(w.text[lang]));
        const label = [...cues(o.text[lang])].find(([kind]) => !wrongCues.some((c) => c.has(kind)))?.[1];
        if (label) {
          quiz.problem(
            ['questions', qi, 'options', oi, 'text', lang],
            `question "${q.id}": the correct option "${o.id}" carries "${label}" (${lang}), which no wrong option has: reword it or give wrong options the same form`,
          );
          return;
        }
      }
    });
  });
}

function loadModule(dir: string, order: number, root: string, problems: ContentProblem[]): CatalogModule | null {
  const rel = (p: string) => relative(root, p).split('\\').join('/');
  const metaPath = join(dir, 'module.yaml');
  if (!existsSync(metaPath)) {
    problems.push({ file: rel(dir), line: 1, message: 'module.yaml is missing' });
    return null;
  }
  const before = problems.length;
  const meta = new YamlFile(rel(metaPath), readFileSync(metaPath, 'utf8'), problems);
  if (!meta.ok) return null;
  const slug = String(meta.get(['slug']) ?? '');
  if (!SLUG.test(slug)) meta.problem(['slug'], 'slug must be lowercase letters, digits and single hyphens');
  const audience = meta.get(['audience']) as Audience;
  if (!AUDIENCES.includes(audience)) meta.problem(['audience'], `audience must be one of: ${AUDIENCES.join(', ')}`);
  const defaultSeconds = meta.integer(['minSecondsPerLesson'], 0, 3600);

  const rawLessons = meta.get(['lessons']);
  const lessons: Lesson[] = [];
  const moduleBlocks: ModuleBlocks = { ids: new Map(), single: new Map() };
  if (!Array.isArray(rawLessons) || rawLessons.length === 0) {
    meta.problem(['lessons'], 'lessons must be a non-empty list');
  } else {
    const ids = new Set<string>();
    rawLessons.forEach((l: unknown, li) => {
      const id = String((l as { id?: unknown })?.id ?? '');
      if (!ID.test(id)) return meta.problem(['lessons', li, 'id'], `lesson ${li + 1}: id must be lowercase letters, digits and hyphens`);
      if (ids.has(id)) return meta.problem(['lessons', li, 'id'], `duplicate lesson id "${id}"`);
      ids.add(id);
      const minSeconds = (l as { minSeconds?: unknown }).minSeconds;
      if (minSeconds !== undefined && (typeof minSeconds !== 'number' || !Number.isInteger(minSeconds) || minSeconds < 0)) {
        meta.problem(['lessons', li, 'minSeconds'], `lesson "${id}": minSeconds must be a whole number of seconds`);
      }
      const lesson: Lesson = {
        id,
        minSeconds: typeof minSeconds === 'number' ? minSeconds : defaultSeconds,
        title: { id: '', en: '' },
        source: { id: '', en: '' },
        blocks: [],
        parts: { id: [], en: [] },
      };
      const split = { id: splitAtMarkers(''), en: splitAtMarkers('') };
      const files = { id: '', en: '' };
      for (const lang of LANGS) {
        const path = join(dir, 'lessons', `${id}.${lang}.md`);
        if (!existsSync(path)) {
          problems.push({ file: rel(path), line: 1, message: `missing translation: lesson "${id}" has no ${lang === 'id' ? 'Indonesian' : 'English'} file` });
          continue;
        }
        const source = readFileSync(path, 'utf8');
        if (source.trim() === '') {
          problems.push({ file: rel(path), line: 1, message: `empty lesson "${id}"` });
          continue;
        }
        const heading = /^#\s+(.+)$/m.exec(source);
        if (!heading) problems.push({ file: rel(path), line: 1, message: 'the lesson needs a title: start it with a "# " heading' });
        checkPlaceholders(source, rel(path), problems);
        lesson.title[lang] = heading?.[1].trim() ?? id;
        files[lang] = rel(path);
        split[lang] = splitAtMarkers(source);
        lesson.source[lang] = split[lang].text;
      }
      const blocksPath = join(dir, 'lessons', `${id}.blocks.yaml`);
      let declared: string[] = [];
      if (existsSync(blocksPath)) {
        const file = new YamlFile(rel(blocksPath), readFileSync(blocksPath, 'utf8'), problems);
        if (file.ok) ({ blocks: lesson.blocks, declared } = loadLessonBlocks(file, moduleBlocks));
      }
      lesson.parts = placeBlocks(files, split, lesson.blocks, declared, `lessons/${id}.blocks.yaml`, problems);
      lessons.push(lesson);
    });
  }

  const quizPath = join(dir, 'quiz.yaml');
  let questions: QuizQuestion[] = [];
  let perAttempt = 0;
  if (!existsSync(quizPath)) problems.push({ file: rel(dir), line: 1, message: 'quiz.yaml is missing' });
  else {
    const quiz = new YamlFile(rel(quizPath), readFileSync(quizPath, 'utf8'), problems);
    if (quiz.ok) ({ questions, perAttempt } = loadQuiz(quiz));
  }

  const pretestPath = join(dir, 'pretest.yaml');
  let pretest: QuizQuestion[] = [];
  if (existsSync(pretestPath)) {
    const file = new YamlFile(rel(pretestPath), readFileSync(pretestPath, 'utf8'), problems);
    if (file.ok) pretest = loadPretest(file, questions);
  }

  const module: CatalogModule = {
    slug,
    order,
    title: meta.text(['title'], 'title'),
    summary: meta.text(['summary'], 'summary'),
    audience,
    estimatedMinutes: meta.integer(['estimatedMinutes'], 1, 240),
    passMark: meta.integer(['passMark'], 0, 100),
    recertificationMonths: meta.integer(['recertificationMonths'], 1, 120),
    version: moduleVersion(dir),
    lessons,
    questions,
    perAttempt,
    pretest,
  };
  return problems.length === before ? module : null;
}

/**
 * Reads and validates every module under `<contentDir>/modules`. Problems name the file and line;
 * a module with any problem is left out, and callers refuse to start when there are problems.
 */
export function loadContent(contentDir: string): { modules: CatalogModule[]; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const root = join(contentDir, 'modules');
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    return { modules: [], problems: [{ file: relative(process.cwd(), root) || root, line: 1, message: 'the content folder has no modules/ directory' }] };
  }
  const folders = readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const modules: CatalogModule[] = [];
  const slugs = new Map<string, string>();
  folders.forEach((folder, i) => {
    const module = loadModule(join(root, folder), i + 1, contentDir, problems);
    if (!module) return;
    const other = slugs.get(module.slug);
    if (other) {
      problems.push({ file: `modules/${folder}/module.yaml`, line: 1, message: `duplicate slug "${module.slug}" (also in modules/${other})` });
      return;
    }
    slugs.set(module.slug, folder);
    modules.push(module);
  });
  return { modules, problems };
}

/**
 * content:check's reading-time rule: a module's lessons must ask at least half of its estimated
 * time in reading (`minSeconds` summed ≥ estimatedMinutes × 30), so the estimate is not mostly
 * quiz. Not applied at start-up: the tests shorten every lesson's clock to 1 second.
 */
export function readingTimeProblems(contentDir: string, modules: CatalogModule[]): ContentProblem[] {
  const root = join(contentDir, 'modules');
  const folders = existsSync(root) ? readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort() : [];
  return modules.flatMap((module) => {
    const total = module.lessons.reduce((sum, l) => sum + l.minSeconds, 0);
    const needed = module.estimatedMinutes * 30;
    if (total >= needed) return [];
    const folder = folders[module.order - 1] ?? module.slug;
    const file = `modules/${folder}/module.yaml`;
    const text = readFileSync(join(root, folder, 'module.yaml'), 'utf8');
    const meta = new YamlFile(file, text, []);
    return [
      {
        file,
        line: meta.line(['estimatedMinutes']),
        message: `the lessons ask ${total} seconds of reading in all, less than half of estimatedMinutes (${module.estimatedMinutes} × 30 = ${needed}): raise the lessons' minSeconds or lower estimatedMinutes`,
      },
    ];
  });
}

/**
 * content:check's completeness rule for interactive lessons (issue 13): every module has one
 * scenario, one reflection, at least one in-lesson check and a pre-test. Not applied at start-up, so
 * that content written before the format keeps loading.
 */
export function interactiveProblems(contentDir: string, modules: CatalogModule[]): ContentProblem[] {
  const root = join(contentDir, 'modules');
  const folders = existsSync(root) ? readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort() : [];
  return modules.flatMap((module) => {
    const blocks = module.lessons.flatMap((l) => l.blocks);
    const missing = [
      ...(['scenario', 'reflection', 'check'] as const).filter((type) => !blocks.some((b) => b.type === type)).map((type) => `a ${type} block`),
      ...(module.pretest.length === 0 ? ['pretest.yaml'] : []),
    ];
    if (missing.length === 0) return [];
    const folder = folders[module.order - 1] ?? module.slug;
    return [{ file: `modules/${folder}/module.yaml`, line: 1, message: `module "${module.slug}" lacks ${missing.join(', ')} (content/README.md, "Interactive blocks")` }];
  });
}

export function formatProblems(problems: ContentProblem[]): string {
  return problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n');
}
