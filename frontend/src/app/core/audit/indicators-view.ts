import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemOf } from '../http/api-problem';
import { LanguageStore } from '../session/language-store';
import { ErrorAlert } from '../../shared/error-alert';
import { EngagementIndicator, IndicatorsOverview, formatIndicator, targetMet } from './indicators-models';

/**
 * The shared read-only view of an organisation's agreed indicators (for HR and the partner's
 * auditor alike): each against its target, with its trend over the audit reports and today. The
 * numbers are those the server published, already suppressed; a hidden one reads "–".
 */
@Component({
  selector: 'aman-indicators-view',
  imports: [TranslocoPipe, ErrorAlert],
  templateUrl: './indicators-view.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IndicatorsView {
  protected readonly language = inject(LanguageStore);
  readonly orgId = input.required<string>();

  readonly overview = httpResource<IndicatorsOverview>(() => ({
    url: `/api/organizations/${encodeURIComponent(this.orgId())}/indicators`,
    params: { lang: this.language.lang() },
  }));
  protected readonly problem = problemOf(this.overview);
  protected readonly indicators = computed<EngagementIndicator[]>(() => (this.overview.hasValue() ? this.overview.value().indicators : []));

  protected format(i: EngagementIndicator, value: number | null): string {
    return formatIndicator(i.unit, value, this.language.lang());
  }

  protected current(i: EngagementIndicator): number | null {
    return i.values.at(-1)?.value ?? null;
  }

  protected met(i: EngagementIndicator): 'yes' | 'no' | 'unknown' {
    const met = targetMet(i);
    return met === null ? 'unknown' : met ? 'yes' : 'no';
  }
}
