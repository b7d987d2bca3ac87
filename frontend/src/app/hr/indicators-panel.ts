import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { IndicatorsView } from '../core/audit/indicators-view';
import { ApiProblem, toApiProblem } from '../core/http/api-problem';
import { SessionStore } from '../core/session/session-store';
import { ErrorAlert } from '../shared/error-alert';
import { HrApi } from './hr-api';

/** HR's dashboard: the indicators agreed with the partner and their trend; HR accepts a proposal or comments on it. */
@Component({
  selector: 'aman-indicators-panel',
  imports: [TranslocoPipe, ErrorAlert, IndicatorsView],
  templateUrl: './indicators-panel.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IndicatorsPanel {
  private readonly api = inject(HrApi);
  private readonly session = inject(SessionStore);
  protected readonly orgId = computed(() => this.session.user()?.organizationId ?? null);
  private readonly view = viewChild(IndicatorsView);

  protected readonly comment = signal('');
  protected readonly sending = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly done = signal<'accepted' | 'commented' | null>(null);

  /** A proposal waiting for HR (or commented on and not changed since). */
  protected readonly pending = computed(() => {
    const overview = this.view()?.overview;
    if (!overview?.hasValue()) return null;
    const { engagementId, indicators } = overview.value();
    return engagementId && indicators.length && indicators[0].status !== 'accepted' ? engagementId : null;
  });

  protected commentOf(event: Event): string {
    return (event.target as HTMLTextAreaElement).value;
  }

  protected async decide(engagementId: string, accept: boolean): Promise<void> {
    if (this.sending()) return;
    this.sending.set(true);
    this.problem.set(null);
    try {
      const body = { accept, ...(this.comment().trim() ? { comment: this.comment().trim() } : {}) };
      await this.api.decideIndicators(engagementId, body);
      this.done.set(accept ? 'accepted' : 'commented');
      this.comment.set('');
      this.view()?.overview.reload();
    } catch (error) {
      this.problem.set(toApiProblem(error));
    } finally {
      this.sending.set(false);
    }
  }
}
