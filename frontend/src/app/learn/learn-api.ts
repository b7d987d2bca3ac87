import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { Answers, AttemptResult, moduleUrl } from './module-content';

/** The learner's changes; what they read is loaded with httpResource in the pages. */
@Injectable({ providedIn: 'root' })
export class LearnApi {
  private readonly http = inject(HttpClient);

  /** Starts the lesson's clock on the server (the first opening counts). */
  markOpened(slug: string, lessonId: string): Promise<void> {
    return this.progress(slug, lessonId, 'opened');
  }

  /** 409 with `secondsLeft` when the server's clock says the lesson was opened too recently. */
  markRead(slug: string, lessonId: string): Promise<void> {
    return this.progress(slug, lessonId, 'read');
  }

  /** The same key with the same answers returns the first result: a retry never counts twice. */
  submitAttempt(
    slug: string,
    answers: Answers,
    idempotencyKey: string,
    lang: string,
  ): Promise<AttemptResult> {
    return firstValueFrom(
      this.http.post<AttemptResult>(
        `${moduleUrl(slug)}/attempts`,
        { answers },
        {
          params: { lang },
          headers: new HttpHeaders({ 'Idempotency-Key': idempotencyKey }),
        },
      ),
    );
  }

  acknowledgePolicy(
    id: string,
    typedName: string,
  ): Promise<{ documentId: string; signedAt: string }> {
    return firstValueFrom(
      this.http.post<{ documentId: string; signedAt: string }>(
        `/api/policies/${encodeURIComponent(id)}/acknowledge`,
        { typedName },
      ),
    );
  }

  private async progress(
    slug: string,
    lessonId: string,
    event: 'opened' | 'read',
  ): Promise<void> {
    await firstValueFrom(
      this.http.post<void>(`${moduleUrl(slug)}/progress`, { lessonId, event }),
    );
  }
}
