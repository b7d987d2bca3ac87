import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { toApiProblem } from '../core/http/api-problem';
import { LanguageStore } from '../core/session/language-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatDatePipe } from '../shared/format-date-pipe';
import { certificatePdfUrl } from './module-content';

/** What `GET /api/my/attempts/:id` answers. */
export interface PastAttempt {
  id: string;
  module: { slug: string; title: string };
  moduleVersion: string;
  score: number;
  passed: boolean;
  passMark: number | null;
  submittedAt: string;
  questions: number;
  correct: number;
  certificateSerial: string | null;
}

/** A submitted attempt's result, opened again later from the module card (the server keeps it). */
@Component({
  selector: 'aman-past-result-page',
  imports: [RouterLink, TranslocoPipe, ErrorAlert, FormatDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="back-link">
      <a routerLink="/learn"
        ><span aria-hidden="true">← </span
        >{{ 'learnerDetails.back' | transloco }}</a
      >
    </p>
    <aman-error-alert [problem]="problem()" />
    @if (attempt.isLoading() && !attempt.hasValue()) {
      <p role="status" class="muted">{{ 'common.loading' | transloco }}</p>
    } @else if (result(); as r) {
      <h1>{{ r.module.title }}</h1>
      <p class="lead" id="past-result-outcome">
        {{
          (r.passed ? 'learnerDetails.passed' : 'learnerDetails.failed')
            | transloco
              : {
                  score: r.score,
                  passMark: r.passMark ?? '—',
                  date: (r.submittedAt | amanDate: language.lang() : true),
                }
        }}
      </p>
      <dl class="facts">
        <div>
          <dt>{{ 'learnerDetails.score' | transloco }}</dt>
          <dd>{{ r.score }}</dd>
        </div>
        <div>
          <dt>{{ 'learnerDetails.correct' | transloco }}</dt>
          <dd>
            {{
              'learnerDetails.correctOf'
                | transloco: { correct: r.correct, total: r.questions }
            }}
          </dd>
        </div>
      </dl>
      @if (r.certificateSerial) {
        <p>
          <a
            class="button"
            [href]="pdfUrl(r.certificateSerial)"
            target="_blank"
            rel="noopener"
            >{{ 'learn.downloadCertificate' | transloco }}
            <span class="visually-hidden"
              >({{ 'common.newTab' | transloco }})</span
            ></a
          >
        </p>
      } @else if (!r.passed) {
        <p>
          <a
            class="button"
            [routerLink]="['/learn/modules', r.module.slug, 'quiz']"
            >{{ 'learnerDetails.tryAgain' | transloco }}</a
          >
        </p>
      }
    }
  `,
})
export class PastResultPage {
  protected readonly language = inject(LanguageStore);
  readonly slug = input.required<string>();
  readonly attemptId = input.required<string>();

  protected readonly attempt = httpResource<PastAttempt>(() => ({
    url: `/api/my/attempts/${encodeURIComponent(this.attemptId())}`,
    params: { lang: this.language.lang() },
  }));
  protected readonly result = computed(() =>
    this.attempt.hasValue() ? this.attempt.value() : null,
  );
  protected readonly problem = computed(() => {
    const error = this.attempt.error();
    return error ? toApiProblem(error) : null;
  });

  protected pdfUrl(serial: string): string {
    return certificatePdfUrl(serial);
  }
}
