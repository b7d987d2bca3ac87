import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { ContentProblem } from '../catalog/content.types';

export type Lang = 'id' | 'en';
export type Text = Record<Lang, string>;
export const QUESTION_TYPES = ['likert', 'yes_no', 'single', 'free_text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
/** Survey-based indicators (see indicators/catalogue.ts): the share of respondents who agree. */
export const SURVEY_INDICATORS = ['know_how_to_report', 'trust_process'] as const;
export type SurveyIndicator = (typeof SURVEY_INDICATORS)[number];

/** The fixed options of the closed types, so that every questionnaire answers them alike. */
export const FIXED_OPTIONS: Record<'likert' | 'yes_no', { id: string; text: Text }[]> = {
  likert: [
    { id: 'strongly-disagree', text: { id: 'Sangat tidak setuju', en: 'Strongly disagree' } },
    { id: 'disagree', text: { id: 'Tidak setuju', en: 'Disagree' } },
    { id: 'neutral', text: { id: 'Netral', en: 'Neither agree nor disagree' } },
    { id: 'agree', text: { id: 'Setuju', en: 'Agree' } },
    { id: 'strongly-agree', text: { id: 'Sangat setuju', en: 'Strongly agree' } },
  ],
  yes_no: [
    { id: 'yes', text: { id: 'Ya', en: 'Yes' } },
    { id: 'no', text: { id: 'Tidak', en: 'No' } },
  ],
};
/** Likert answers that count as agreeing for an indicator. */
export const AGREE = new Set(['agree', 'strongly-agree']);

export interface Question {
  id: string;
  type: QuestionType;
  text: Text;
  options: { id: string; text: Text }[];
  optional: boolean;
  sensitive: boolean;
  indicator: SurveyIndicator | null;
  maxLength: number | null;
}

export interface Questionnaire {
  slug: string;
  version: number;
  /** sha256 of the file: the exact text a wave was opened with. */
  sha256: string;
  title: Text;
  intro: Text;
  contentNote: Text;
  support: Text;
  questions: Question[];
}

const ID = /^[a-z0-9][a-z0-9-]{0,40}$/;
const MAX_FREE_TEXT = 2000;

/**
 * Reads every `content/surveys/<slug>/survey.yaml` and lists each problem as file:line, for
 * `content:check` and for the app (which refuses to open a wave of an invalid questionnaire).
 */
export function loadSurveys(contentDir: string): { surveys: Questionnaire[]; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const surveys: Questionnaire[] = [];
  const root = join(contentDir, 'surveys');
  if (!existsSync(root)) return { surveys, problems };
  for (const folder of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const path = join(root, folder, 'survey.yaml');
    const file = relative(process.cwd(), path) || path;
    if (!existsSync(path)) {
      problems.push({ file: relative(process.cwd(), join(root, folder)) || folder, line: 1, message: 'a survey folder needs a survey.yaml' });
      continue;
    }
    const text = readFileSync(path, 'utf8');
    const survey = parseSurvey(file, text, folder, problems);
    if (survey) surveys.push(survey);
  }
  return { surveys, problems };
}

/** One questionnaire file; null when it has problems (pushed to `problems`). */
export function parseSurvey(file: string, source: string, folder: string, problems: ContentProblem[]): Questionnaire | null {
  const before = problems.length;
  const lines = new LineCounter();
  const doc: Document = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  for (const error of doc.errors) problems.push({ file, line: error.linePos?.[0]?.line ?? 1, message: `invalid YAML: ${error.message.split('\n')[0]}` });
  if (doc.errors.length) return null;
  const lineOf = (path: (string | number)[]) => {
    for (let p = path.length; p >= 0; p--) {
      const offset = (doc.getIn(path.slice(0, p), true) as YamlNode | undefined)?.range?.[0];
      if (offset !== undefined) return lines.linePos(offset).line;
    }
    return 1;
  };
  const problem = (path: (string | number)[], message: string) => problems.push({ file, line: lineOf(path), message });
  const get = (path: (string | number)[]): unknown => {
    const value = doc.getIn(path, false);
    return isMap(value) || isSeq(value) ? (value as { toJSON(): unknown }).toJSON() : value;
  };
  const text = (path: (string | number)[], what: string): Text => {
    const out = { id: '', en: '' };
    for (const lang of ['id', 'en'] as const) {
      const value = get([...path, lang]);
      if (typeof value !== 'string' || value.trim() === '') problem([...path, lang], `missing translation: ${what} in ${lang === 'id' ? 'Indonesian (id)' : 'English (en)'}`);
      else out[lang] = value.replace(/\s+/g, ' ').trim();
    }
    return out;
  };

  const slug = get(['slug']);
  if (slug !== folder) problem(['slug'], `slug must be the folder's name "${folder}"`);
  const version = get(['version']);
  if (!Number.isInteger(version) || (version as number) < 1) problem(['version'], 'version must be a whole number from 1');
  const survey = {
    slug: folder,
    version: version as number,
    sha256: createHash('sha256').update(source).digest('hex'),
    title: text(['title'], 'the title'),
    intro: text(['intro'], 'the introduction'),
    contentNote: text(['contentNote'], 'the content note'),
    support: text(['support'], 'the support contacts'),
    questions: [] as Question[],
  };
  const raw = get(['questions']);
  if (!Array.isArray(raw) || raw.length === 0) {
    problem(['questions'], 'questions must be a non-empty list');
    return null;
  }
  const seen = new Set<string>();
  const indicators = new Set<string>();
  let freeTexts = 0;
  let sensitive = 0;
  raw.forEach((q: Record<string, unknown> | null, i) => {
    const at = (...rest: (string | number)[]) => ['questions', i, ...rest];
    if (!q || typeof q !== 'object') return problem(at(), 'a question must be a mapping');
    const id = q['id'];
    if (typeof id !== 'string' || !ID.test(id)) problem(at('id'), 'id must be lowercase letters, digits and hyphens');
    else if (seen.has(id)) problem(at('id'), `duplicate question id "${id}"`);
    else seen.add(id);
    const type = q['type'] as QuestionType;
    if (!QUESTION_TYPES.includes(type)) return problem(at('type'), `type must be one of: ${QUESTION_TYPES.join(', ')}`);
    const question: Question = {
      id: String(id),
      type,
      text: text(at('text'), `question ${String(id)}`),
      options: [],
      optional: q['optional'] === true,
      sensitive: q['sensitive'] === true,
      indicator: null,
      maxLength: null,
    };
    if (question.sensitive) sensitive++;
    if (type === 'single') {
      const options = q['options'];
      if (!Array.isArray(options) || options.length < 2) problem(at('options'), 'a single-choice question needs at least two options');
      else {
        const optionIds = new Set<string>();
        options.forEach((o: Record<string, unknown> | null, j) => {
          const oid = o?.['id'];
          if (typeof oid !== 'string' || !ID.test(oid)) problem(at('options', j, 'id'), 'an option id must be lowercase letters, digits and hyphens');
          else if (optionIds.has(oid)) problem(at('options', j, 'id'), `duplicate option id "${oid}"`);
          else optionIds.add(oid);
          question.options.push({ id: String(oid), text: text(at('options', j, 'text'), `option ${String(oid)}`) });
        });
      }
    } else if (q['options'] !== undefined) {
      problem(at('options'), `${type} questions have fixed options: remove this list`);
    }
    if (type === 'likert' || type === 'yes_no') question.options = FIXED_OPTIONS[type];
    if (type === 'free_text') {
      freeTexts++;
      if (freeTexts > 1) problem(at('type'), 'a questionnaire has at most one free-text question');
      if (!question.optional) problem(at('optional'), 'the free-text question must be optional: true');
      const max = q['maxLength'] ?? 1000;
      if (!Number.isInteger(max) || (max as number) < 1 || (max as number) > MAX_FREE_TEXT) problem(at('maxLength'), `maxLength must be a whole number from 1 to ${MAX_FREE_TEXT}`);
      question.maxLength = max as number;
    } else if (question.optional) {
      problem(at('optional'), 'only the free-text question may be optional (offer a "prefer not to say" option instead)');
    }
    const indicator = q['indicator'];
    if (indicator !== undefined) {
      if (!SURVEY_INDICATORS.includes(indicator as SurveyIndicator)) problem(at('indicator'), `indicator must be one of: ${SURVEY_INDICATORS.join(', ')}`);
      else if (type !== 'likert') problem(at('indicator'), 'an indicator is the share who agree: only on a likert question');
      else if (indicators.has(indicator as string)) problem(at('indicator'), `indicator ${String(indicator)} is already measured by another question`);
      else {
        indicators.add(indicator as string);
        question.indicator = indicator as SurveyIndicator;
      }
    }
    survey.questions.push(question);
  });
  if (sensitive > 0 && survey.contentNote.en === '') problem(['contentNote'], 'sensitive questions need a content note');
  return problems.length > before ? null : survey;
}

/** A question in one language, as a respondent and a results page read it. */
export function localizeQuestion(q: Question, lang: Lang) {
  return {
    id: q.id,
    type: q.type,
    text: q.text[lang],
    optional: q.optional,
    sensitive: q.sensitive,
    maxLength: q.maxLength,
    options: q.options.map((o) => ({ id: o.id, text: o.text[lang] })),
  };
}
