import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { ApiProblem } from '../core/http/api-problem';

/**
 * An error region that is always in the page (so screen readers announce what appears in it) and
 * shows a translated summary by status plus the server's own messages.
 */
@Component({
  selector: 'aman-error-alert',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div role="alert" class="alert alert-error" [id]="alertId()">
      @if (problem(); as problem) {
        <p class="alert-title">{{ summaryKey() | transloco }}</p>
        @if (problem.messages.length) {
          <ul class="alert-details">
            @for (message of problem.messages; track $index) {
              <li>{{ message }}</li>
            }
          </ul>
        }
      }
    </div>
  `,
})
export class ErrorAlert {
  readonly problem = input<ApiProblem | null>(null);
  readonly alertId = input<string | null>(null);
  /** A title that says more than the status alone (e.g. "No attempts left today" for a 429). */
  readonly titleKey = input<string | null>(null);

  protected readonly summaryKey = computed(
    () => this.titleKey() ?? summaryKeyFor(this.problem()?.status ?? -1),
  );
}

export function summaryKeyFor(status: number): string {
  if (status === 0) return 'errors.network';
  if (status >= 500) return 'errors.server';
  switch (status) {
    case 400:
      return 'errors.badRequest';
    case 401:
      return 'errors.unauthorized';
    case 403:
      return 'errors.forbidden';
    case 404:
      return 'errors.notFound';
    case 409:
      return 'errors.conflict';
    case 413:
      return 'errors.tooLarge';
    case 429:
      return 'errors.tooMany';
    default:
      return 'errors.generic';
  }
}
