import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  output,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemOf } from '../core/http/api-problem';
import { Page } from '../core/http/page';
import { LanguageStore } from '../core/session/language-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatDatePipe } from '../shared/format-date-pipe';
import { Pager } from '../shared/pager';
import { HR_PAGE_SIZE } from './hr-models';
import { OverduePerson } from './report-models';

/** The people of one unit (and the units below it) whose training is overdue, page by page. */
@Component({
  selector: 'aman-overdue-list',
  imports: [RouterLink, TranslocoPipe, ErrorAlert, FormatDatePipe, Pager],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="overdue-heading">
      <h3 id="overdue-heading" tabindex="-1">
        {{ 'hr.dashboard.overdue.heading' | transloco: { unit: unitName() } }}
      </h3>
      <aman-error-alert [problem]="problem()" />
      @if (overdue.isLoading() && !overdue.hasValue()) {
        <p role="status" class="muted">{{ 'common.loading' | transloco }}</p>
      } @else if (problem()) {
        <button
          type="button"
          class="button button-secondary"
          (click)="overdue.reload()"
        >
          {{ 'common.retry' | transloco }}
        </button>
      } @else if (rows().length === 0) {
        <div class="empty-state">
          <p class="empty-title">
            {{ 'hr.dashboard.overdue.empty' | transloco }}
          </p>
        </div>
      } @else {
        <div
          class="table-scroll"
          role="region"
          aria-labelledby="overdue-caption"
          tabindex="0"
        >
          <table>
            <caption id="overdue-caption">
              {{
                'hr.dashboard.overdue.caption'
                  | transloco: { unit: unitName(), total: total() }
              }}
              @if (overdue.isLoading()) {
                <span class="muted">— {{ 'common.loading' | transloco }}</span>
              }
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  {{ 'hr.dashboard.overdue.person' | transloco }}
                </th>
                <th scope="col">
                  {{ 'hr.dashboard.overdue.unit' | transloco }}
                </th>
                <th scope="col">
                  {{ 'hr.dashboard.overdue.module' | transloco }}
                </th>
              </tr>
            </thead>
            <tbody>
              @for (person of rows(); track person.userId) {
                <tr>
                  <th scope="row">
                    <a [routerLink]="['/hr/people', person.userId]">{{
                      person.name
                    }}</a>
                    <span class="cell-sub">{{
                      (person.isLeader
                        ? 'hr.dashboard.position.leader'
                        : 'hr.dashboard.position.staffMember'
                      ) | transloco
                    }}</span>
                  </th>
                  <td>{{ person.unitName ?? '—' }}</td>
                  <td>
                    <ul class="plain-list">
                      @for (
                        module of person.overdueModules;
                        track module.slug
                      ) {
                        <li>
                          {{ module.title }}
                          <span class="cell-sub">{{
                            'hr.dashboard.overdue.dueOn'
                              | transloco
                                : {
                                    date:
                                      (module.dueAt
                                      | amanDate: language.lang()),
                                  }
                          }}</span>
                        </li>
                      }
                    </ul>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        <aman-pager
          [page]="page()"
          [pageSize]="pageSize"
          [total]="total()"
          [label]="'hr.dashboard.overdue.pagination' | transloco"
          (pageChange)="page.set($event)"
        />
      }
      <div class="actions">
        <button
          type="button"
          class="button button-secondary"
          (click)="closed.emit()"
        >
          {{ 'hr.dashboard.overdue.close' | transloco }}
        </button>
      </div>
    </section>
  `,
})
export class OverdueList {
  protected readonly language = inject(LanguageStore);

  readonly unitId = input.required<string>();
  readonly unitName = input.required<string>();
  readonly closed = output<void>();

  protected readonly pageSize = HR_PAGE_SIZE;
  /** Back to the first page whenever another unit is chosen. */
  protected readonly page = linkedSignal(() => {
    this.unitId();
    return 1;
  });

  protected readonly overdue = httpResource<Page<OverduePerson>>(() => ({
    url: '/api/reports/overdue',
    params: {
      unitId: this.unitId(),
      lang: this.language.lang(),
      page: this.page(),
      pageSize: HR_PAGE_SIZE,
    },
  }));
  protected readonly rows = computed(() =>
    this.overdue.hasValue() ? this.overdue.value().items : [],
  );
  protected readonly total = computed(() =>
    this.overdue.hasValue() ? this.overdue.value().total : 0,
  );
  protected readonly problem = problemOf(this.overdue);
}
