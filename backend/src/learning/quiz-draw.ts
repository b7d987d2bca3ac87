import { randomBytes, randomInt } from 'node:crypto';
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

/**
 * The questions an attempt asks: `perAttempt` of the bank, round-robin over the topics in a random
 * order (random within each topic), so every topic is asked before any is asked twice. The chosen
 * questions keep the bank's order (lessons build on each other); their options are shuffled and get
 * opaque ids, because authored ids such as a/b/c/d would tell the authored position of each option.
 */
export function drawQuiz(module: CatalogModule): DrawnQuestion[] {
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
      const ids = new Set<string>();
      return {
        id: q.id,
        options: shuffle(q.options).map((o) => {
          let id: string;
          do id = randomBytes(6).toString('base64url');
          while (ids.has(id));
          ids.add(id);
          return { id, authored: o.id };
        }),
      };
    });
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
