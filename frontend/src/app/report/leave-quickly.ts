import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  Injectable,
  inject,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { ReportLanguage } from './report-language';
import { Locale } from '../core/session/language-store';

/**
 * Where "Leave quickly" goes: a blank page. It makes no request (nobody learns the button was
 * pressed), shows no address, and replaces the current history entry so Back does not return to
 * what was on screen. A neutral news or weather site would look more ordinary but is a third party.
 */
export const NEUTRAL_PAGE = 'about:blank';

@Injectable({ providedIn: 'root' })
export class PageExit {
  private readonly document = inject(DOCUMENT);

  leave(): void {
    this.document.defaultView?.location.replace(NEUTRAL_PAGE);
  }
}

/** The top bar of the public report pages: leave quickly, then the language switch. */
@Component({
  selector: 'aman-report-bar',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      justify-content: space-between;
      margin: 0 0 1rem;
    }
    .leave {
      font-size: 1.05rem;
      min-height: 2.75rem;
    }
    .languages {
      display: flex;
      gap: 0.25rem;
    }
  `,
  template: `
    <button
      type="button"
      class="button button-danger leave"
      (click)="exit.leave()"
    >
      {{ 'reportChannel.leave' | transloco }}
    </button>
    <div
      class="languages"
      role="group"
      [attr.aria-label]="'app.language.label' | transloco"
    >
      @for (option of languages; track option.lang) {
        <button
          type="button"
          class="button button-small button-secondary"
          [attr.lang]="option.lang"
          [attr.aria-pressed]="language.lang() === option.lang"
          (click)="language.use(option.lang)"
        >
          {{ option.name }}
        </button>
      }
    </div>
  `,
})
export class ReportBar {
  protected readonly exit = inject(PageExit);
  protected readonly language = inject(ReportLanguage);
  protected readonly languages: readonly { lang: Locale; name: string }[] = [
    { lang: 'id', name: 'Bahasa Indonesia' },
    { lang: 'en', name: 'English' },
  ];

  constructor() {
    this.language.apply();
  }
}
