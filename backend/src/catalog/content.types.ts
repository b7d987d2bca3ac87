export type Lang = 'id' | 'en';
export const LANGS: Lang[] = ['id', 'en'];
export type Text = Record<Lang, string>;
/** `satgas`: written for the members of the organisation's Satgas; assigned by rule to them, never to everyone. */
export type Audience = 'everyone' | 'leaders' | 'staff' | 'satgas';

export interface ContentProblem {
  file: string;
  line: number;
  message: string;
}

export interface QuizOption {
  id: string;
  text: Text;
  explanation: Text;
  correct: boolean;
}

export interface QuizQuestion {
  id: string;
  /**
   * What the question tests (a slug); an attempt draws at least one question per topic. A question
   * without `topic:` in quiz.yaml is its own topic, named after its id.
   */
  topic: string;
  multiple: boolean;
  text: Text;
  options: QuizOption[];
}

export interface CheckBlock {
  type: 'check';
  id: string;
  multiple: boolean;
  question: Text;
  options: { id: string; text: Text; correct: boolean; feedback: Text }[];
}

export interface ScenarioNode {
  id: string;
  text: Text;
  /** Empty on an end node. */
  choices: { text: Text; consequence: Text; next: string }[];
  end: boolean;
}

export interface ScenarioBlock {
  type: 'scenario';
  id: string;
  title: Text;
  start: string;
  nodes: ScenarioNode[];
  debrief: Text;
}

export interface ReflectionBlock {
  type: 'reflection';
  id: string;
  prompt: Text;
}

export type Block = CheckBlock | ScenarioBlock | ReflectionBlock;

/** A lesson in reading order: Markdown between markers, and the blocks placed there. */
export type LessonPart = { markdown: string } | { blockId: string };

export interface Lesson {
  id: string;
  minSeconds: number;
  title: Text;
  /** Markdown with handlebars placeholders, filled per organisation at read time (block markers removed). */
  source: Text;
  /** The interactive blocks of lessons/<id>.blocks.yaml, in file order. */
  blocks: Block[];
  /** The lesson in reading order per language: blocks without a marker come after the text. */
  parts: Record<Lang, LessonPart[]>;
}

export interface CatalogModule {
  slug: string;
  order: number;
  title: Text;
  summary: Text;
  audience: Audience;
  estimatedMinutes: number;
  passMark: number;
  recertificationMonths: number;
  /** sha256 over the module's files: any edit makes a new version. */
  version: string;
  lessons: Lesson[];
  /** The bank: an attempt asks `perAttempt` of these, drawn per topic. */
  questions: QuizQuestion[];
  /** How many questions an attempt asks: from the number of topics up to the bank's size (default). */
  perAttempt: number;
  /** pretest.yaml: asked whole, before the quiz, not graded for completion; empty when the module has none. */
  pretest: QuizQuestion[];
}

/** The placeholders the content may use; anything else is a content error. */
export const ALLOWED_VARIABLES = ['org.name'];
export const ALLOWED_PARTIALS = ['sop', 'taskForce', 'channels', 'help'];
