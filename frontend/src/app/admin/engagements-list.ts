import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { ApiProblem, problemOf, toApiProblem } from '../core/http/api-problem';
import { LanguageStore } from '../core/session/language-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatDatePipe } from '../shared/format-date-pipe';
import { AdminApi } from './admin-api';

/** One row of `GET /api/engagements` as the platform admin sees it. */
export interface EngagementRow {
  id: string;
  organizationName: string;
  partnerName: string;
  periodStart: string;
  periodEnd: string;
  scope: 'aggregate' | 'named';
  state: 'active' | 'upcoming' | 'ended';
  endedAt: string | null;
}

/**
 * Every engagement with its state; an active or upcoming one can be ended after a confirmation
 * (its auditors lose access at once).
 */
@Component({
  selector: 'aman-engagements-list',
  imports: [TranslocoPipe, ErrorAlert, FormatDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="engagements-list-heading">
      <h2 id="engagements-list-heading">
        {{ 'onboarding.engagements.heading' | transloco }}
      </h2>
      <aman-error-alert [problem]="loadProblem()" />
      <aman-error-alert [problem]="problem()" />
      <div role="status">
        @if (endedName(); as name) {
          <p class="alert alert-success">
            {{ 'onboarding.engagements.ended' | transloco: { name } }}
          </p>
        }
      </div>
      @if (engagements.isLoading() && !engagements.hasValue()) {
        <p role="status" class="muted">{{ 'common.loading' | transloco }}</p>
      } @else if (loadProblem()) {
        <button
          type="button"
          class="button button-secondary"
          (click)="engagements.reload()"
        >
          {{ 'common.retry' | transloco }}
        </button>
      } @else if (rows().length === 0) {
        <p class="muted">{{ 'onboarding.engagements.empty' | transloco }}</p>
      } @else {
        <div
          class="table-scroll"
          role="region"
          aria-labelledby="engagements-caption"
          tabindex="0"
        >
          <table>
            <caption id="engagements-caption">
              {{
                'onboarding.engagements.caption' | transloco
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  {{ 'onboarding.engagements.organization' | transloco }}
                </th>
                <th scope="col">
                  {{ 'onboarding.engagements.partner' | transloco }}
                </th>
                <th scope="col">
                  {{ 'onboarding.engagements.period' | transloco }}
                </th>
                <th scope="col">
                  {{ 'onboarding.engagements.scope' | transloco }}
                </th>
                <th scope="col">
                  {{ 'onboarding.engagements.state' | transloco }}
                </th>
                <th scope="col">
                  {{ 'onboarding.engagements.actions' | transloco }}
                </th>
              </tr>
            </thead>
            <tbody>
              @for (e of rows(); track e.id) {
                <tr [attr.data-engagement]="e.id">
                  <td>{{ e.organizationName }}</td>
                  <td>{{ e.partnerName }}</td>
                  <td>
                    {{ e.periodStart | amanDate: language.lang() }} –
                    {{ e.periodEnd | amanDate: language.lang() }}
                  </td>
                  <td>{{ 'scope.' + e.scope | transloco }}</td>
                  <td class="engagement-state">
                    {{ 'onboarding.engagements.states.' + e.state | transloco }}
                    @if (e.endedAt) {
                      ({{
                        'onboarding.engagements.endedOn'
                          | transloco
                            : { date: (e.endedAt | amanDate: language.lang()) }
                      }})
                    }
                  </td>
                  <td>
                    @if (e.state !== 'ended') {
                      @if (confirming() === e.id) {
                        <p>
                          {{ 'onboarding.engagements.confirm' | transloco }}
                        </p>
                        <button
                          type="button"
                          class="button button-small"
                          [disabled]="busy()"
                          (click)="end(e)"
                        >
                          {{ 'onboarding.engagements.confirmEnd' | transloco }}
                          <span class="visually-hidden"
                            >: {{ e.partnerName }},
                            {{ e.organizationName }}</span
                          >
                        </button>
                        <button
                          type="button"
                          class="button button-small button-secondary"
                          (click)="confirming.set(null)"
                        >
                          {{ 'onboarding.engagements.cancel' | transloco }}
                        </button>
                      } @else {
                        <button
                          type="button"
                          class="button button-small button-secondary"
                          (click)="confirming.set(e.id)"
                        >
                          {{ 'onboarding.engagements.end' | transloco }}
                          <span class="visually-hidden"
                            >: {{ e.partnerName }},
                            {{ e.organizationName }}</span
                          >
                        </button>
                      }
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    </section>
  `,
})
export class EngagementsList {
  private readonly api = inject(AdminApi);
  protected readonly language = inject(LanguageStore);
  protected readonly engagements = httpResource<EngagementRow[]>(
    () => '/api/engagements',
  );
  protected readonly rows = computed(() =>
    this.engagements.hasValue() ? this.engagements.value() : [],
  );
  protected readonly loadProblem = problemOf(this.engagements);
  protected readonly confirming = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly endedName = signal<string | null>(null);

  protected async end(e: EngagementRow): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      await this.api.endEngagement(e.id);
      this.confirming.set(null);
      this.endedName.set(`${e.partnerName} – ${e.organizationName}`);
      this.engagements.reload();
    } catch (error) {
      this.problem.set(toApiProblem(error));
    } finally {
      this.busy.set(false);
    }
  }
}
