import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageStore } from '../core/session/language-store';
import { FormatNumberPipe } from '../shared/format-number-pipe';
import { ImportLineError } from './hr-models';

/** The problems a CSV import found, line by line, as a table (the header is line 1). */
@Component({
  selector: 'aman-import-errors',
  imports: [TranslocoPipe, FormatNumberPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      class="table-scroll"
      role="region"
      [attr.aria-labelledby]="captionId()"
      tabindex="0"
    >
      <table>
        <caption [id]="captionId()">
          {{
            'hr.import.errors.caption' | transloco: { count: count() }
          }}
        </caption>
        <thead>
          <tr>
            <th scope="col" class="numeric">
              {{ 'hr.import.errors.line' | transloco }}
            </th>
            <th scope="col">{{ 'hr.import.errors.column' | transloco }}</th>
            <th scope="col">{{ 'hr.import.errors.problem' | transloco }}</th>
          </tr>
        </thead>
        <tbody>
          @for (error of errors(); track $index) {
            <tr>
              <th scope="row" class="numeric">
                {{ error.line | amanNumber: language.lang() }}
                @if (error.line === 1) {
                  <span class="cell-sub">{{
                    'hr.import.errors.header' | transloco
                  }}</span>
                }
              </th>
              <td>
                @if (error.field) {
                  <code>{{ error.field }}</code>
                } @else {
                  {{ 'hr.import.errors.wholeLine' | transloco }}
                }
              </td>
              <td>{{ error.message }}</td>
            </tr>
          }
        </tbody>
      </table>
    </div>
    @if (count() > errors().length) {
      <p class="hint">
        {{
          'hr.import.errors.truncated'
            | transloco
              : {
                  shown: (errors().length | amanNumber: language.lang()),
                  count: (count() | amanNumber: language.lang()),
                }
        }}
      </p>
    }
  `,
})
export class ImportErrors {
  protected readonly language = inject(LanguageStore);

  readonly errors = input.required<ImportLineError[]>();
  /** How many problems there are in all; the server lists the first 1,000. */
  readonly errorCount = input.required<number>();
  readonly captionId = input.required<string>();

  protected readonly count = computed(() =>
    Math.max(this.errorCount(), this.errors().length),
  );
}
