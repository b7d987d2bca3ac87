import type { Lang } from '../catalog/content.types';
import type { PresentedQuestion } from './quiz-draw';

export type Answers = Record<string, string[]>;

export interface QuestionFeedback {
  questionId: string;
  correct: boolean;
  /** The explanations of the options the learner chose. */
  explanation: string;
  /**
   * Multiple-choice only: right options left out, and wrong options chosen (counts, never which).
   * The result page words them in the learner's language.
   */
  missed?: number;
  wronglyChosen?: number;
  /** Only after a pass: the options that were right (the draw's option ids). */
  correctOptionIds?: string[];
}

export interface GradeResult {
  score: number;
  passed: boolean;
  feedback: QuestionFeedback[];
}

/**
 * Problems with the submitted answers against the attempt's draw, each naming `answers.<questionId>`:
 * a question not in the draw, an option id not of this draw, an unanswered question.
 */
export function checkAnswers(quiz: PresentedQuestion[], answers: Answers): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const known = new Set(quiz.map((q) => q.question.id));
  for (const id of Object.keys(answers)) {
    if (!known.has(id)) problems.push({ field: `answers.${id}`, message: `answers.${id}: there is no question "${id}" in this attempt's quiz` });
  }
  for (const { question, options } of quiz) {
    const chosen = answers[question.id];
    const field = `answers.${question.id}`;
    if (!Array.isArray(chosen) || chosen.length === 0) {
      problems.push({ field, message: `${field}: the question is not answered` });
      continue;
    }
    if (chosen.some((c) => typeof c !== 'string')) {
      problems.push({ field, message: `${field}: option ids must be strings` });
      continue;
    }
    const unknown = chosen.filter((c) => !options.some((o) => o.id === c));
    if (unknown.length) problems.push({ field, message: `${field}: unknown option(s) ${unknown.join(', ')}` });
    else if (new Set(chosen).size !== chosen.length) problems.push({ field, message: `${field}: an option is chosen twice` });
    else if (!question.multiple && chosen.length > 1) problems.push({ field, message: `${field}: choose exactly one option` });
  }
  return problems;
}

/**
 * A question is right when exactly its correct options are chosen (no partial credit for
 * multiple-choice); the score is the share of right questions, 0–100. Answers use the draw's ids.
 */
export function grade(quiz: PresentedQuestion[], answers: Answers, passMark: number, lang: Lang): GradeResult {
  let right = 0;
  const rows = quiz.map(({ question, options }) => {
    const chosen = new Set(answers[question.id] ?? []);
    const correctIds = options.filter((o) => o.option.correct).map((o) => o.id);
    const correct = correctIds.length === chosen.size && correctIds.every((id) => chosen.has(id));
    if (correct) right++;
    const explanation = options
      .filter((o) => chosen.has(o.id))
      .map((o) => o.option.explanation[lang])
      .join(' ');
    const row: QuestionFeedback = { questionId: question.id, correct, explanation };
    if (question.multiple) {
      row.missed = correctIds.filter((id) => !chosen.has(id)).length;
      row.wronglyChosen = [...chosen].filter((id) => !correctIds.includes(id)).length;
    }
    return { row, correctIds };
  });
  const score = quiz.length ? Math.round((100 * right) / quiz.length) : 0;
  const passed = score >= passMark;
  return {
    score,
    passed,
    feedback: rows.map(({ row, correctIds }) => (passed ? { ...row, correctOptionIds: correctIds } : row)),
  };
}
