import { HttpClient, HttpHeaders } from '@angular/common/http';
import {
  DOCUMENT,
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { ApiProblem, statusOf, toApiProblem } from '../core/http/api-problem';
import { ErrorAlert } from '../shared/error-alert';
import { FormatDatePipe } from '../shared/format-date-pipe';
import { MessageReply } from '../shared/message-reply';
import { MessageThread } from '../shared/message-thread';
import { ReportBar } from './leave-quickly';
import { ReportLanguage } from './report-language';
import { CaseAttachment, categoryKey } from '../shared/report-channel';
import { ReporterReport } from './report-models';
import { saveBlob } from './save-blob';

/** Why the receipt form is shown again: said in words, never only in colour. */
type SessionNotice = 'notRecognised' | 'tooMany' | 'ended' | 'invalid' | null;

/**
 * Following a report up with its receipt. The token the receipt buys lives in this component's
 * memory only: never in storage or a cookie, so closing the tab or "Leave quickly" ends it.
 */
@Component({
  selector: 'aman-follow-up-page',
  imports: [
    TranslocoPipe,
    ErrorAlert,
    FormatDatePipe,
    MessageThread,
    MessageReply,
    RouterLink,
    ReportBar,
  ],
  templateUrl: './follow-up-page.html',
  styleUrl: './report.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FollowUpPage {
  private readonly http = inject(HttpClient);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);
  protected readonly language = inject(ReportLanguage);
  protected readonly categoryKey = categoryKey;

  private readonly token = signal<string | null>(null);
  protected readonly receiptInput = signal('');
  protected readonly notice = signal<SessionNotice>(null);
  protected readonly opening = signal(false);
  protected readonly report = signal<ReporterReport | null>(null);
  protected readonly problem = signal<ApiProblem | null>(null);

  protected readonly signedIn = computed(() => this.token() !== null);

  private readonly reportHeading =
    viewChild<ElementRef<HTMLElement>>('reportHeading');

  protected setReceipt(event: Event): void {
    this.receiptInput.set((event.target as HTMLInputElement).value);
  }

  protected async open(event: Event): Promise<void> {
    event.preventDefault();
    if (this.opening()) return;
    const receipt = this.receiptInput().replace(/\D/g, '');
    this.problem.set(null);
    if (receipt.length !== 16) {
      this.notice.set('invalid');
      return;
    }
    this.notice.set(null);
    this.opening.set(true);
    try {
      const { token } = await firstValueFrom(
        this.http.post<{ token: string }>('/api/reporter/session', { receipt }),
      );
      this.token.set(token);
      this.receiptInput.set('');
      await this.load();
      afterNextRender(() => this.reportHeading()?.nativeElement.focus(), {
        injector: this.injector,
      });
    } catch (error) {
      const status = statusOf(error);
      if (status === 404) this.notice.set('notRecognised');
      else if (status === 429) this.notice.set('tooMany');
      else this.problem.set(toApiProblem(error));
    } finally {
      this.opening.set(false);
    }
  }

  /** A 401 ends the session (the form goes with the report); the form shows any other error. */
  protected readonly postReply = async (text: string): Promise<void> => {
    try {
      await firstValueFrom(
        this.http.post('/api/reporter/report/messages', { text }, this.auth()),
      );
    } catch (error) {
      this.endedBy(error);
      throw error;
    }
    await this.load();
  };

  protected readonly refreshing = signal(false);

  protected readonly downloading = signal<string | null>(null);
  protected readonly downloadProblem = signal<ApiProblem | null>(null);

  /**
   * The token is a Bearer header, which a plain link cannot send: the file is fetched as a Blob and
   * handed to the browser through an object URL that is revoked at once, so nothing stays behind.
   */
  protected async download(attachment: CaseAttachment): Promise<void> {
    if (this.downloading()) return;
    this.downloading.set(attachment.id);
    this.downloadProblem.set(null);
    try {
      const blob = await firstValueFrom(
        this.http.get(
          `/api/reporter/report/attachments/${encodeURIComponent(attachment.id)}`,
          { ...this.auth(), responseType: 'blob' },
        ),
      );
      saveBlob(this.document, blob, attachment.name);
    } catch (error) {
      if (!this.endedBy(error)) this.downloadProblem.set(toApiProblem(error));
    } finally {
      this.downloading.set(null);
    }
  }

  /** Reads the report again (new replies, a new status) without typing the receipt again. */
  protected async refresh(): Promise<void> {
    if (this.refreshing()) return;
    this.refreshing.set(true);
    this.problem.set(null);
    try {
      await this.load();
    } finally {
      this.refreshing.set(false);
    }
  }

  /** Forgets the token and the report: the next person on this phone sees the empty form. */
  protected finish(): void {
    this.token.set(null);
    this.report.set(null);
    this.notice.set(null);
  }

  private async load(): Promise<void> {
    try {
      this.report.set(
        await firstValueFrom(
          this.http.get<ReporterReport>('/api/reporter/report', this.auth()),
        ),
      );
    } catch (error) {
      if (!this.endedBy(error)) this.problem.set(toApiProblem(error));
    }
  }

  /** A 401 means the short-lived token expired: back to the receipt form, saying so. */
  private endedBy(error: unknown): boolean {
    if (statusOf(error) !== 401) return false;
    this.finish();
    this.notice.set('ended');
    return true;
  }

  private auth(): { headers: HttpHeaders } {
    return {
      headers: new HttpHeaders({ Authorization: `Bearer ${this.token() ?? ''}` }),
    };
  }
}
