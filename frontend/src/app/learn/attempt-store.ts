import { Injectable, signal } from '@angular/core';
import { Answers, AttemptResult, QuizQuestion } from './module-content';

/** What the result page shows: the graded attempt with the questions and answers it was about. */
export interface LastAttempt {
  slug: string;
  moduleTitle: string;
  questions: QuizQuestion[];
  answers: Answers;
  result: AttemptResult;
}

/**
 * Hands the quiz's result to the result page. Kept in memory only: after a reload the result page
 * sends the learner back to the module instead.
 */
@Injectable({ providedIn: 'root' })
export class AttemptStore {
  private readonly last = signal<LastAttempt | null>(null);

  readonly lastAttempt = this.last.asReadonly();

  record(attempt: LastAttempt): void {
    this.last.set(attempt);
  }

  for(slug: string): LastAttempt | null {
    const attempt = this.last();
    return attempt?.slug === slug ? attempt : null;
  }
}
