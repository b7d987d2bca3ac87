import { PolicyKind } from '../shared/policy-kinds';
import { AssignmentStatus } from './assignment';

/** One lesson of `GET /api/modules/:slug`; `body` is HTML rendered on the server, starting with its h1. */
export interface Lesson {
  id: string;
  title: string;
  body: string;
  minSeconds: number;
  read: boolean;
  /**
   * Seconds of reading the server still asks for, when the module was loaded: 0 once read,
   * minSeconds before opening. Clocks never overlap (each starts at the latest read of another lesson).
   */
  secondsLeft: number;
  /**
   * The lesson in reading order: Markdown parts (HTML rendered on the server) and its interactive
   * blocks. Absent from servers before issue 13: the reader then shows `body`.
   */
  blocks?: LessonBlock[];
}

/** An in-lesson check: ungraded, the server returns every option's feedback. */
export interface CheckBlock {
  type: 'check';
  id: string;
  multiple: boolean;
  question: string;
  options: { id: string; text: string }[];
  answered: boolean;
}

export interface ScenarioNode {
  id: string;
  text: string;
  end: boolean;
  choices: { text: string; consequence: string; next: string }[];
}

/** A branching scenario: every path ends at a node with `end`, then the debrief. */
export interface ScenarioBlock {
  type: 'scenario';
  id: string;
  title: string;
  start: string;
  nodes: ScenarioNode[];
  debrief: string;
}

/** A reflection prompt; `text` is the learner's own saved answer, which nobody else sees. */
export interface ReflectionBlock {
  type: 'reflection';
  id: string;
  prompt: string;
  text?: string;
}

export type LessonBlock =
  | { type: 'markdown'; html: string }
  | CheckBlock
  | ScenarioBlock
  | ReflectionBlock;

/** The answer to a `checked` progress event. */
export interface CheckResult {
  correct: boolean;
  feedback: { optionId: string; correct: boolean; feedback: string }[];
}

/** The module's optional pre-test, as `GET /api/modules/:slug` summarises it. */
export interface PretestSummary {
  questions: number;
  available: boolean;
  score: number | null;
}

export interface QuizOption {
  /** Opaque and different in every attempt's draw. */
  id: string;
  text: string;
}

export interface QuizQuestion {
  id: string;
  text: string;
  /** Several options may be right: checkboxes instead of radio buttons. */
  multiple: boolean;
  options: QuizOption[];
}

/** `GET /api/modules/:slug?lang=`: a module to read and its quiz, without the answers. */
export interface ModuleContent {
  slug: string;
  title: string;
  summary: string;
  audience: string;
  version: string;
  passMark: number;
  estimatedMinutes: number;
  lang: string;
  assignment: {
    id: string;
    status: AssignmentStatus;
    dueAt: string | null;
    completedAt: string | null;
  };
  lessons: Lesson[];
  /** Null (or absent from older servers) when the module has no pre-test. */
  pretest?: PretestSummary | null;
  quiz: { unlocked: boolean; questions: QuizQuestion[] };
}

/** Question id → chosen option ids, as `POST /api/modules/:slug/attempts` expects. */
export type Answers = Record<string, string[]>;

export interface QuestionFeedback {
  questionId: string;
  correct: boolean;
  /** The explanations of the options the learner chose. */
  explanation: string;
  /** Multiple-choice: correct options left out and wrong options chosen (counts, never which). */
  missed?: number;
  wronglyChosen?: number;
  /** Only after a pass. */
  correctOptionIds?: string[];
}

/** The answer to `POST /api/modules/:slug/attempts`. */
export interface AttemptResult {
  id: string;
  score: number;
  passed: boolean;
  passMark: number;
  feedback: QuestionFeedback[];
  certificateSerial?: string;
  attemptsLeftToday: number;
}

/** One document of `GET /api/my/policies`; `body` is HTML rendered (and sanitised) on the server. */
export interface MyPolicy {
  id: string;
  kind: PolicyKind;
  version: number;
  title: string;
  body: string;
  publishedAt: string;
  signedAt: string | null;
}

export function moduleUrl(slug: string): string {
  return `/api/modules/${encodeURIComponent(slug)}`;
}

export function certificatePdfUrl(serial: string): string {
  return `/api/certificates/${encodeURIComponent(serial)}/pdf`;
}
