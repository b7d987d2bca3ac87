import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  output,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';

/** Previous / next paging for `{ total, page, pageSize }` lists. */
@Component({
  selector: 'aman-pager',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (pages() > 1) {
      <nav class="pager" [attr.aria-label]="label()">
        <button
          type="button"
          class="button button-secondary"
          [disabled]="page() <= 1"
          (click)="pageChange.emit(page() - 1)"
        >
          {{ 'common.previous' | transloco }}
        </button>
        <span aria-live="polite">
          {{ 'common.pageOf' | transloco: { page: page(), pages: pages() } }}
        </span>
        <button
          type="button"
          class="button button-secondary"
          [disabled]="page() >= pages()"
          (click)="pageChange.emit(page() + 1)"
        >
          {{ 'common.next' | transloco }}
        </button>
      </nav>
    }
  `,
})
export class Pager {
  readonly page = input.required<number>();
  readonly pageSize = input.required<number>();
  readonly total = input.required<number>();
  readonly label = input.required<string>();
  readonly pageChange = output<number>();

  protected readonly pages = computed(() =>
    Math.max(1, Math.ceil(this.total() / Math.max(1, this.pageSize()))),
  );
}
