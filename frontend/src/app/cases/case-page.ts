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
import { SessionStore } from '../core/session/session-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatDatePipe } from '../shared/format-date-pipe';
import { MessageReply } from '../shared/message-reply';
import { MessageThread } from '../shared/message-thread';
import { CaseStatus, categoryKey } from '../shared/report-channel';
import {
  CaseDetail,
  CaseHandler,
  NEXT_STATUSES,
  OUTCOMES,
  Outcome,
} from './case-models';

/** One case: the report, the thread with the reporter, a reply, and the status (closing needs an outcome). */
@Component({
  selector: 'aman-case-page',
  imports: [
    TranslocoPipe,
    RouterLink,
    ErrorAlert,
    FormatDatePipe,
    MessageThread,
    MessageReply,
  ],
  templateUrl: './case-page.html',
  styleUrl: '../report/report.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CasePage {
  private readonly http = inject(HttpClient);
  protected readonly language = inject(LanguageStore);
  protected readonly categoryKey = categoryKey;
  private readonly session = inject(SessionStore);
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

  /** The current status and where it may go: nothing else is offered. */
  protected readonly statuses = computed(() => {
    const item = this.item();
    return item ? [item.status, ...NEXT_STATUSES[item.status]] : [];
  });

  /** Colleagues of a partner's handler who can be given the case (confirmed, with a key pair). */
  private readonly handlers = httpResource<CaseHandler[]>(() => {
    const partnerId = this.session.user()?.partnerId;
    return partnerId && this.session.hasAnyRole(['case_handler'])
      ? `/api/partners/${encodeURIComponent(partnerId)}/case-handlers`
      : undefined;
  });
  protected readonly colleagues = computed(() => {
    const me = this.session.user()?.id;
    return this.handlers.hasValue()
      ? this.handlers.value().filter((h) => h.confirmed && h.hasKey && h.id !== me)
      : [];
  });
  protected readonly shareWith = signal('');
  protected readonly sharing = signal(false);
  protected readonly shared = signal(false);
  protected readonly shareProblem = signal<ApiProblem | null>(null);

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

  protected setStatus(event: Event): void {
    this.status.set((event.target as HTMLSelectElement).value as CaseStatus);
    this.statusSaved.set(false);
  }

  protected setOutcome(event: Event): void {
    this.outcome.set((event.target as HTMLSelectElement).value as Outcome);
    this.outcomeMissing.set(false);
  }

  protected setShareWith(event: Event): void {
    this.shareWith.set((event.target as HTMLSelectElement).value);
    this.shared.set(false);
  }

  protected async share(event: Event): Promise<void> {
    event.preventDefault();
    const userId = this.shareWith();
    if (!userId || this.sharing()) return;
    this.sharing.set(true);
    this.shareProblem.set(null);
    try {
      await firstValueFrom(
        this.http.post(`/api/cases/${encodeURIComponent(this.id())}/shares`, { userId }),
      );
      this.shared.set(true);
    } catch (error) {
      this.shareProblem.set(toApiProblem(error));
    } finally {
      this.sharing.set(false);
    }
  }

  /** A reply to the reporter; the case is read again to show it in the thread. */
  protected readonly postReply = async (text: string): Promise<void> => {
    await firstValueFrom(
      this.http.post(`/api/cases/${encodeURIComponent(this.id())}/messages`, { text }),
    );
    this.detail.reload();
  };

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
