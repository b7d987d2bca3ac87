import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemOf } from '../core/http/api-problem';
import { Page } from '../core/http/page';
import { LanguageStore } from '../core/session/language-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatDatePipe } from '../shared/format-date-pipe';
import { Pager } from '../shared/pager';
import { HR_PAGE_SIZE, OutboxMessage } from './hr-models';

const KNOWN_STATUSES = ['pending', 'queued', 'sent', 'failed', 'stored'];

/** Every mail the platform wrote for this organisation; one-time links never show here (only their owner gets them). */
@Component({
  selector: 'aman-outbox-page',
  imports: [TranslocoPipe, ErrorAlert, FormatDatePipe, Pager],
  templateUrl: './outbox-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OutboxPage {
  protected readonly language = inject(LanguageStore);
  protected readonly pageSize = HR_PAGE_SIZE;
  protected readonly page = signal(1);

  protected readonly outbox = httpResource<Page<OutboxMessage> & { mailConfigured?: boolean }>(() => ({
    url: '/api/outbox',
    params: { page: this.page(), pageSize: HR_PAGE_SIZE },
  }));
  protected readonly messages = computed(() =>
    this.outbox.hasValue() ? this.outbox.value().items : [],
  );
  protected readonly total = computed(() =>
    this.outbox.hasValue() ? this.outbox.value().total : 0,
  );
  /** Without SMTP the server writes mail to a folder for its operator; HR should know nothing leaves by itself. */
  protected readonly mailNotConfigured = computed(
    () => this.outbox.hasValue() && this.outbox.value().mailConfigured === false,
  );
  protected readonly problem = problemOf(this.outbox);

  protected statusKey(status: string): string | null {
    return KNOWN_STATUSES.includes(status)
      ? `hr.outbox.status.${status}`
      : null;
  }
}
