import { HttpClient, httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import {
  ApiProblem,
  fieldErrorsOf,
  toApiProblem,
} from '../core/http/api-problem';
import { ErrorAlert } from '../shared/error-alert';

interface CaseSettings {
  caseRetentionDays: number;
}

/**
 * The partner's retention: how long a closed case's content is kept. Set by the partner's handlers
 * (never by HR), so the organisation cannot shorten the life of a report about itself.
 */
@Component({
  selector: 'aman-retention-settings',
  imports: [TranslocoPipe, ErrorAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="form card" novalidate (submit)="save($event)" aria-labelledby="retention-heading">
      <h2 id="retention-heading">{{ 'cases.settings.heading' | transloco }}</h2>
      <p class="hint">{{ 'cases.settings.intro' | transloco }}</p>
      <div class="field">
        <label for="retention-days">{{ 'cases.settings.days' | transloco }}</label>
        <p class="hint" id="retention-days-hint">{{ 'cases.settings.hint' | transloco }}</p>
        <input id="retention-days" type="number" inputmode="numeric" min="90" max="36500" step="1"
          [value]="days()" (input)="setDays($event)" [disabled]="!settings.hasValue()"
          [attr.aria-invalid]="!!fieldError()"
          [attr.aria-describedby]="fieldError() ? 'retention-days-hint retention-days-error' : 'retention-days-hint'" />
        @if (fieldError()) {
        <p id="retention-days-error" class="field-error">{{ 'cases.settings.invalid' | transloco }}</p>
        }
      </div>
      <aman-error-alert [problem]="problem()" />
      <div role="status">
        @if (saved(); as savedDays) {
        <p class="alert alert-success">{{ 'cases.settings.saved' | transloco: { days: savedDays } }}</p>
        }
      </div>
      <button type="submit" class="button" [disabled]="saving() || !settings.hasValue()">
        {{ 'cases.settings.save' | transloco }}
      </button>
    </form>
  `,
})
export class RetentionSettings {
  private readonly http = inject(HttpClient);
  readonly partnerId = input.required<string>();

  protected readonly settings = httpResource<CaseSettings>(() => this.url());
  protected readonly days = signal('');
  /** The server named caseRetentionDays in its 400: said in the reader's language, next to the field. */
  protected readonly fieldError = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly saving = signal(false);
  protected readonly saved = signal<number | null>(null);

  constructor() {
    effect(() => {
      if (this.settings.hasValue())
        this.days.set(String(this.settings.value().caseRetentionDays));
    });
  }

  protected setDays(event: Event): void {
    this.days.set((event.target as HTMLInputElement).value);
    this.saved.set(null);
  }

  protected async save(event: Event): Promise<void> {
    event.preventDefault();
    if (this.saving()) return;
    this.saving.set(true);
    this.problem.set(null);
    this.fieldError.set(false);
    this.saved.set(null);
    try {
      // The server is the judge of the range (≥ 90): its 400 names the field and is shown inline.
      const raw = this.days().trim();
      const answer = await firstValueFrom(
        this.http.put<CaseSettings>(this.url(), {
          caseRetentionDays: raw === '' ? null : Number(raw),
        }),
      );
      this.days.set(String(answer.caseRetentionDays));
      this.saved.set(answer.caseRetentionDays);
    } catch (error) {
      if (fieldErrorsOf(error).some((f) => f.field === 'caseRetentionDays'))
        this.fieldError.set(true);
      else this.problem.set(toApiProblem(error));
    } finally {
      this.saving.set(false);
    }
  }

  private url(): string {
    return `/api/partners/${encodeURIComponent(this.partnerId())}/case-settings`;
  }
}
