import type { CatalogModule } from '../catalog/content.types';
import { checkAnswers, grade } from './grading';
import type { PresentedQuestion } from './quiz-draw';

const t = (s: string) => ({ id: `${s} (id)`, en: s });
const sut: CatalogModule = {
  slug: 'm',
  order: 1,
  title: t('M'),
  summary: t('S'),
  audience: 'everyone',
  estimatedMinutes: 10,
  passMark: 60,
  recertificationMonths: 12,
  version: 'v1',
  lessons: [],
  questions: [
    { id: 'q1', topic: 'q1', multiple: false, text: t('Q1'), options: [{ id: 'a', correct: true, text: t('A'), explanation: t('right') }, { id: 'b', correct: false, text: t('B'), explanation: t('wrong') }] },
    { id: 'q2', topic: 'q2', multiple: true, text: t('Q2'), options: [{ id: 'a', correct: true, text: t('A'), explanation: t('yes a') }, { id: 'b', correct: true, text: t('B'), explanation: t('yes b') }, { id: 'c', correct: false, text: t('C'), explanation: t('no c') }] },
    { id: 'q3', topic: 'q3', multiple: false, text: t('Q3'), options: [{ id: 'x', correct: false, text: t('X'), explanation: t('no x') }, { id: 'y', correct: true, text: t('Y'), explanation: t('yes y') }] },
  ],
  perAttempt: 3,
  pretest: [],
};

// The draw's ids equal the authored ones here, to keep the expectations readable.
const quiz: PresentedQuestion[] = sut.questions.map((question) => ({ question, options: question.options.map((option) => ({ id: option.id, option })) }));
const gradeIt = (answers: Record<string, string[]>, lang: 'id' | 'en') => grade(quiz, answers, sut.passMark, lang);

describe('grading', () => {
  it('gives credit for a multiple-choice question only when exactly the correct options are chosen', () => {
    expect(gradeIt({ q1: ['a'], q2: ['a'], q3: ['y'] }, 'en').feedback.map((f) => f.correct)).toEqual([true, false, true]);
    expect(gradeIt({ q1: ['a'], q2: ['a', 'b', 'c'], q3: ['y'] }, 'en').feedback[1].correct).toBe(false);
    expect(gradeIt({ q1: ['a'], q2: ['b', 'a'], q3: ['y'] }, 'en').feedback[1].correct).toBe(true);
  });

  it('scores 0–100 against the pass mark and reveals correct options only after a pass', () => {
    const failed = gradeIt({ q1: ['b'], q2: ['a'], q3: ['y'] }, 'en');
    expect(failed).toMatchObject({ score: 33, passed: false });
    expect(failed.feedback.every((f) => f.correctOptionIds === undefined)).toBe(true);
    const passed = gradeIt({ q1: ['a'], q2: ['a'], q3: ['y'] }, 'id');
    expect(passed).toMatchObject({ score: 67, passed: true });
    expect(passed.feedback[1]).toEqual({ questionId: 'q2', correct: false, explanation: 'yes a (id)', missed: 1, wronglyChosen: 0, correctOptionIds: ['a', 'b'] });
    expect(gradeIt({ q1: ['a'], q2: ['a', 'b'], q3: ['y'] }, 'en').score).toBe(100);
  });

  it('names each unanswered, unknown or malformed answer', () => {
    expect(checkAnswers(quiz, { q1: ['a', 'b'], q2: ['z'], q9: ['a'] }).map((p) => p.field)).toEqual(['answers.q9', 'answers.q1', 'answers.q2', 'answers.q3']);
    expect(checkAnswers(quiz, { q1: ['a'], q2: ['a', 'a'], q3: ['y'] })[0].message).toMatch(/twice/);
    expect(checkAnswers(quiz, { q1: ['a'], q2: ['a'], q3: ['y'] })).toEqual([]);
  });

  it('says how many options a partly right multiple-choice answer missed or chose wrongly, without naming them before a pass', () => {
    const failed = gradeIt({ q1: ['b'], q2: ['a', 'c'], q3: ['x'] }, 'en');
    expect(failed.feedback[1]).toEqual({ questionId: 'q2', correct: false, explanation: 'yes a no c', missed: 1, wronglyChosen: 1 });
    expect(failed.feedback[0]).not.toHaveProperty('missed');
    expect(gradeIt({ q1: ['a'], q2: ['a', 'b'], q3: ['y'] }, 'en').feedback[1]).toMatchObject({ missed: 0, wronglyChosen: 0 });
  });
});
