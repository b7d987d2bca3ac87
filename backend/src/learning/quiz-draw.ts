import { randomInt } from 'node:crypto';
import type { CatalogModule, QuizOption, QuizQuestion } from '../catalog/content.types';

/** One question of a draw: its options in the order shown, each with an id that only this draw uses. */
export interface DrawnQuestion {
  id: string;
  options: { id: string; authored: string }[];
}

/** A question as this attempt shows it: the bank's question with the draw's option ids and order. */
export interface PresentedQuestion {
  question: QuizQuestion;
  options: { id: string; option: QuizOption }[];
}

function shuffle<T>(items: readonly T[]): T[] {
  const out = [...items];
  // Fisher–Yates with the CSPRNG: a learner must not be able to predict the order from earlier draws.
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The ids a question's options get in one draw, in authored order (QuizOptionIds.make bound to the draw's id). */
export type OptionIdsOf = (questionId: string, authored: readonly string[]) => string[];

/**
 * The questions an attempt asks: `perAttempt` of the bank, round-robin over the topics in a random
 * order (random within each topic), so every topic is asked before any is asked twice. The chosen
 * questions keep the bank's order (lessons build on each other); their options are shuffled and get
 * opaque ids, because authored ids such as a/b/c/d would tell the authored position of each option.
 */
export function drawQuiz(module: CatalogModule, optionIds: OptionIdsOf): DrawnQuestion[] {
  const byTopic = new Map<string, QuizQuestion[]>();
  for (const q of module.questions) byTopic.set(q.topic, [...(byTopic.get(q.topic) ?? []), q]);
  const topics = shuffle([...byTopic.values()].map(shuffle));
  const wanted = Math.min(module.perAttempt || module.questions.length, module.questions.length);
  const picked = new Set<string>();
  for (let round = 0; picked.size < wanted; round++) {
    for (const topic of topics) {
      if (picked.size < wanted && topic[round]) picked.add(topic[round].id);
    }
  }
  return module.questions
    .filter((q) => picked.has(q.id))
    .map((q) => {
      const ids = optionIds(q.id, q.options.map((o) => o.id));
      const options = q.options.map((o, i) => ({ id: ids[i], authored: o.id }));
      return { id: q.id, options: shuffle(options) };
    });
}

/**
 * A submission read without its stored draw: every chosen id must name one draw and decode to an
 * option of the answered question. Returns the draw's id and the answered questions as that draw
 * presents them (option order does not matter for grading), or null when anything does not decode —
 * then the caller reads the stored draw and answers as before. Whether the answered questions are
 * exactly the draw's is checked by learning_submit_quiz, under the assignment's lock.
 */
export function decodeAnswers(
  module: CatalogModule,
  answers: Record<string, unknown>,
  ids: { drawOf(id: string): string | null; make(drawId: string, questionId: string, authored: readonly string[]): string[] },
): { drawId: string; questions: PresentedQuestion[] } | null {
  let drawId: string | null = null;
  const questions: PresentedQuestion[] = [];
  for (const [questionId, chosen] of Object.entries(answers)) {
    const question = module.questions.find((q) => q.id === questionId);
    if (!question || !Array.isArray(chosen) || chosen.length === 0) return null;
    for (const id of chosen) {
      const draw = typeof id === 'string' ? ids.drawOf(id) : null;
      if (!draw || (drawId !== null && draw !== drawId)) return null;
      drawId = draw;
    }
    const optionIds = ids.make(drawId!, question.id, question.options.map((o) => o.id));
    const options = question.options.map((option, i) => ({ id: optionIds[i], option }));
    if (chosen.some((id) => !options.some((o) => o.id === id))) return null;
    questions.push({ question, options });
  }
  if (!drawId) return null;
  // A draw keeps the bank's order, so the feedback comes in the order the quiz showed.
  const position = (q: PresentedQuestion) => module.questions.indexOf(q.question);
  return { drawId, questions: questions.sort((a, b) => position(a) - position(b)) };
}

/**
 * A stored draw against the module as loaded now; null when the content changed under it: a draw
 * made for another version, even one whose ids still fit, may show a question since reworded or rekeyed.
 */
export function presentDraw(module: CatalogModule, draw: { version: string; questions: DrawnQuestion[] }): PresentedQuestion[] | null {
  if (draw.version !== module.version) return null;
  const presented: PresentedQuestion[] = [];
  for (const d of draw.questions) {
    const question = module.questions.find((q) => q.id === d.id);
    if (!question || question.options.length !== d.options.length) return null;
    const options = d.options.map((o) => ({ id: o.id, option: question.options.find((x) => x.id === o.authored) }));
    if (options.some((o) => !o.option)) return null;
    presented.push({ question, options: options as PresentedQuestion['options'] });
  }
  return presented;
}
