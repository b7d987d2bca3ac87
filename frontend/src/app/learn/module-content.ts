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
