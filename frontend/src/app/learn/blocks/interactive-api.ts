import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { Answers, CheckResult, QuizQuestion, moduleUrl } from '../module-content';

/** `GET /api/modules/:slug/pretest`. */
export interface Pretest {
  available: boolean;
  score: number | null;
  takenAt: string | null;
  questions: QuizQuestion[];
}

/** The learner's answers to in-lesson checks, their reflections and the pre-test. */
@Injectable({ providedIn: 'root' })
export class InteractiveApi {
  private readonly http = inject(HttpClient);

  /** Ungraded: the server records that the check was answered and returns every option's feedback. */
  check(
    slug: string,
    lessonId: string,
    blockId: string,
    optionIds: string[],
    lang: string,
  ): Promise<CheckResult> {
    return firstValueFrom(
      this.http.post<CheckResult>(
        `${moduleUrl(slug)}/progress`,
        { lessonId, event: 'checked', blockId, optionIds },
        { params: { lang } },
      ),
    );
  }

  /** An empty text removes the reflection. */
  async saveReflection(
    slug: string,
    blockId: string,
    text: string,
  ): Promise<void> {
    await firstValueFrom(
      this.http.put<void>(
        `${moduleUrl(slug)}/reflections/${encodeURIComponent(blockId)}`,
        { text },
      ),
    );
  }

  submitPretest(slug: string, answers: Answers): Promise<{ score: number }> {
    return firstValueFrom(
      this.http.post<{ score: number }>(`${moduleUrl(slug)}/pretest`, {
        answers,
      }),
    );
  }
}

export function pretestUrl(slug: string): string {
  return `${moduleUrl(slug)}/pretest`;
}
