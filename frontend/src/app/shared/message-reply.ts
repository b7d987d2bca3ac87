import {
  ChangeDetectionStrategy,
  Component,
  input,
  signal,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { ApiProblem, toApiProblem } from '../core/http/api-problem';
import { ErrorAlert } from './error-alert';

/**
 * Writing a message into a reporter–handler thread (shared/message-thread.ts): a required text,
 * sent once at a time, cleared and confirmed when sent. The page says where it goes (`post`, which
 * rejects with the HTTP error to show) and reads the thread again itself. Ids: the text area is
 * `fieldId`, its hint `<fieldId>-hint`, its error `<fieldId>-error`.
 */
@Component({
  selector: 'aman-message-reply',
  imports: [TranslocoPipe, ErrorAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="form" novalidate (submit)="send($event)">
      <div class="field">
        <label [for]="fieldId()">{{ labelKey() | transloco }}</label>
        @if (hintKey(); as hint) {
          <p class="hint" [id]="fieldId() + '-hint'">{{ hint | transloco }}</p>
        }
        <textarea
          [id]="fieldId()"
          rows="5"
          [value]="text()"
          (input)="setText($event)"
          [attr.aria-invalid]="empty()"
          [attr.aria-describedby]="describedBy()"
        ></textarea>
        @if (empty()) {
          <p [id]="fieldId() + '-error'" class="field-error">
            {{ 'validation.required' | transloco }}
          </p>
        }
      </div>
      <aman-error-alert [problem]="problem()" />
      <div role="status">
        @if (sent()) {
          <p class="alert alert-success">{{ sentKey() | transloco }}</p>
        }
      </div>
      <button type="submit" class="button" [disabled]="sending()">
        {{ (sending() ? 'reportChannel.sending' : sendKey()) | transloco }}
      </button>
    </form>
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class MessageReply {
  readonly fieldId = input.required<string>();
  readonly labelKey = input.required<string>();
  readonly hintKey = input<string | null>(null);
  readonly sendKey = input.required<string>();
  readonly sentKey = input.required<string>();
  readonly post = input.required<(text: string) => Promise<unknown>>();

  protected readonly text = signal('');
  protected readonly empty = signal(false);
  protected readonly sending = signal(false);
  protected readonly sent = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);

  protected describedBy(): string | null {
    const ids = [
      this.hintKey() ? `${this.fieldId()}-hint` : null,
      this.empty() ? `${this.fieldId()}-error` : null,
    ].filter((id) => id !== null);
    return ids.length ? ids.join(' ') : null;
  }

  protected setText(event: Event): void {
    this.text.set((event.target as HTMLTextAreaElement).value);
    this.sent.set(false);
  }

  protected async send(event: Event): Promise<void> {
    event.preventDefault();
    const text = this.text().trim();
    this.empty.set(!text);
    if (!text || this.sending()) return;
    this.sending.set(true);
    this.problem.set(null);
    try {
      await this.post()(text);
      this.text.set('');
      this.sent.set(true);
    } catch (error) {
      this.problem.set(toApiProblem(error));
    } finally {
      this.sending.set(false);
    }
  }
}
