import {
  ChangeDetectionStrategy,
  Component,
  input,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { FormatDatePipe } from './format-date-pipe';
import { CaseMessage } from './report-channel';

/**
 * The messages between a reporter and the handlers, oldest first, as either side reads them: the
 * reader's own messages are set apart, and who wrote each one is said in words.
 */
@Component({
  selector: 'aman-message-thread',
  imports: [TranslocoPipe, FormatDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 [id]="headingId()">{{ 'reportChannel.followUp.messages' | transloco }}</h2>
    @if (messages().length) {
      <ol class="messages" [attr.aria-labelledby]="headingId()">
        @for (m of messages(); track $index) {
          <li class="message" [class.message-mine]="m.from === reader()">
            <p class="message-meta">
              {{ (m.from === 'reporter' ? fromReporterKey() : fromHandlerKey()) | transloco }}
              · {{ m.at | amanDate: lang() }}
            </p>
            <p class="message-text">{{ m.text }}</p>
          </li>
        }
      </ol>
    } @else {
      <p class="muted">{{ 'reportChannel.followUp.noMessages' | transloco }}</p>
    }
  `,
  styles: `
    .messages {
      display: grid;
      gap: 0.75rem;
      padding: 0;
      list-style: none;
    }

    .message {
      padding: 0.6rem 0.8rem;
      border: 1px solid var(--line-soft);
      border-radius: var(--radius);
    }

    .message-mine {
      background: var(--paper-soft);
    }

    .message-meta {
      margin: 0 0 0.25rem;
      font-size: 0.9rem;
      color: var(--ink-muted);
    }

    .message-text {
      margin: 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
  `,
})
export class MessageThread {
  readonly messages = input.required<readonly CaseMessage[]>();
  /** Whose page this is: that side's messages are marked as the reader's own. */
  readonly reader = input.required<CaseMessage['from']>();
  readonly fromReporterKey = input.required<string>();
  readonly fromHandlerKey = input.required<string>();
  readonly lang = input.required<string>();
  readonly headingId = input.required<string>();
}
