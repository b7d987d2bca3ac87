import { HttpClient, httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import {
  ApiProblem,
  statusOf,
  toApiProblem,
} from '../core/http/api-problem';
import { LanguageStore } from '../core/session/language-store';
import { categoryKey } from '../report/report-models';
import { ErrorAlert } from '../shared/error-alert';
import { FormatDatePipe } from '../shared/format-date-pipe';
import {
  CASE_STATUSES,
  CaseDetail,
  CaseStatus,
  OUTCOMES,
  Outcome,
} from './case-models';

/** One case: the report, the thread with the reporter, a reply, and the status (closing needs an outcome). */
@Component({
  selector: 'aman-case-page',
  imports: [TranslocoPipe, RouterLink, ErrorAlert, FormatDatePipe],
  templateUrl: './case-page.html',
  styleUrl: '../report/report.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CasePage {
  private readonly http = inject(HttpClient);
  protected readonly language = inject(LanguageStore);
  protected readonly categoryKey = categoryKey;
  protected readonly statuses = CASE_STATUSES;
  protected readonly outcomes = OUTCOMES;

  readonly id = input.required<string>();

  protected readonly detail = httpResource<CaseDetail>(
    () => `/api/cases/${encodeURIComponent(this.id())}`,
  );
  protected readonly item = computed(() =>
    this.detail.hasValue() ? this.detail.value() : null,
  );
  protected readonly notFound = computed(
    () => statusOf(this.detail.error()) === 404,
  );
  protected readonly loadProblem = computed(() => {
    const error = this.detail.error();
    return error && !this.notFound() ? toApiProblem(error) : null;
  });

  protected readonly reply = signal('');
  protected readonly replyEmpty = signal(false);
  protected readonly sending = signal(false);
  protected readonly replySent = signal(false);
  protected readonly replyProblem = signal<ApiProblem | null>(null);

  protected readonly status = signal<CaseStatus>('received');
  protected readonly outcome = signal<Outcome | ''>('');
  protected readonly outcomeMissing = signal(false);
  protected readonly saving = signal(false);
  protected readonly statusSaved = signal(false);
  protected readonly statusProblem = signal<ApiProblem | null>(null);

  constructor() {
    effect(() => {
      const item = this.item();
      if (!item) return;
      this.status.set(item.status);
      this.outcome.set(item.outcome ?? '');
    });
  }

  protected setReply(event: Event): void {
    this.reply.set((event.target as HTMLTextAreaElement).value);
    this.replySent.set(false);
  }

  protected setStatus(event: Event): void {
    this.status.set((event.target as HTMLSelectElement).value as CaseStatus);
    this.statusSaved.set(false);
  }

  protected setOutcome(event: Event): void {
    this.outcome.set((event.target as HTMLSelectElement).value as Outcome);
    this.outcomeMissing.set(false);
  }

  protected async send(event: Event): Promise<void> {
    event.preventDefault();
    const text = this.reply().trim();
    this.replyEmpty.set(!text);
    if (!text || this.sending()) return;
    this.sending.set(true);
    this.replyProblem.set(null);
    try {
      await firstValueFrom(
        this.http.post(`/api/cases/${encodeURIComponent(this.id())}/messages`, { text }),
      );
      this.reply.set('');
      this.replySent.set(true);
      this.detail.reload();
    } catch (error) {
      this.replyProblem.set(toApiProblem(error));
    } finally {
      this.sending.set(false);
    }
  }

  protected async saveStatus(event: Event): Promise<void> {
    event.preventDefault();
    const status = this.status();
    const outcome = this.outcome();
    this.outcomeMissing.set(status === 'closed' && !outcome);
    if (this.outcomeMissing() || this.saving()) return;
    this.saving.set(true);
    this.statusProblem.set(null);
    try {
      await firstValueFrom(
        this.http.patch(`/api/cases/${encodeURIComponent(this.id())}`, {
          status,
          ...(status === 'closed' ? { outcome } : {}),
        }),
      );
      this.statusSaved.set(true);
      this.detail.reload();
    } catch (error) {
      this.statusProblem.set(toApiProblem(error));
    } finally {
      this.saving.set(false);
    }
  }
}
