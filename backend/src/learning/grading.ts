import type { CatalogModule, Lang } from '../catalog/content.types';

export type Answers = Record<string, string[]>;

export interface QuestionFeedback {
  questionId: string;
  correct: boolean;
  /** The explanations of the options the learner chose. */
  explanation: string;
  /** Only after a pass: the options that were right. */
  correctOptionIds?: string[];
}

export interface GradeResult {
  score: number;
  passed: boolean;
  feedback: QuestionFeedback[];
}

/** Problems with the submitted answers themselves, each naming `answers.<questionId>`. */
export function checkAnswers(module: CatalogModule, answers: Answers): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const known = new Set(module.questions.map((q) => q.id));
  for (const id of Object.keys(answers)) {
    if (!known.has(id)) problems.push({ field: `answers.${id}`, message: `answers.${id}: there is no question "${id}" in this module` });
  }
  for (const question of module.questions) {
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
    const unknown = chosen.filter((c) => !question.options.some((o) => o.id === c));
    if (unknown.length) problems.push({ field, message: `${field}: unknown option(s) ${unknown.join(', ')}` });
    else if (new Set(chosen).size !== chosen.length) problems.push({ field, message: `${field}: an option is chosen twice` });
    else if (!question.multiple && chosen.length > 1) problems.push({ field, message: `${field}: choose exactly one option` });
  }
  return problems;
}

/**
 * A question is right when exactly its correct options are chosen (no partial credit for
 * multiple-choice); the score is the share of right questions, 0–100.
 */
export function grade(module: CatalogModule, answers: Answers, lang: Lang): GradeResult {
  let right = 0;
  const rows = module.questions.map((question) => {
    const chosen = new Set(answers[question.id] ?? []);
    const correctIds = question.options.filter((o) => o.correct).map((o) => o.id);
    const correct = correctIds.length === chosen.size && correctIds.every((id) => chosen.has(id));
    if (correct) right++;
    const explanation = question.options
      .filter((o) => chosen.has(o.id))
      .map((o) => o.explanation[lang])
      .join(' ');
    return { questionId: question.id, correct, explanation, correctIds };
  });
  const score = module.questions.length ? Math.round((100 * right) / module.questions.length) : 0;
  const passed = score >= module.passMark;
  return {
    score,
    passed,
    feedback: rows.map(({ correctIds, ...row }) => (passed ? { ...row, correctOptionIds: correctIds } : row)),
  };
}
