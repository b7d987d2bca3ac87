import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal, viewChild } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuditApi } from '../core/audit/audit-api';
import { CatalogueEntry } from '../core/audit/indicators-models';
import { IndicatorsView } from '../core/audit/indicators-view';
import { ApiProblem, toApiProblem } from '../core/http/api-problem';
import { LanguageStore } from '../core/session/language-store';
import { ErrorAlert } from '../shared/error-alert';

/**
 * The auditor's indicators tab: the shared read-only view, and the partner's proposal of indicators
 * with targets (shares and points as percentages here, sent as fractions).
 */
@Component({
  selector: 'aman-indicators-tab',
  imports: [TranslocoPipe, ErrorAlert, IndicatorsView],
  templateUrl: './indicators-tab.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IndicatorsTab {
  private readonly api = inject(AuditApi);
  protected readonly language = inject(LanguageStore);
  readonly orgId = input.required<string>();
  private readonly view = viewChild(IndicatorsView);

  protected readonly catalogue = httpResource<CatalogueEntry[]>(() => ({ url: '/api/indicators/catalogue', params: { lang: this.language.lang() } }));
  protected readonly entries = computed<CatalogueEntry[]>(() => (this.catalogue.hasValue() ? this.catalogue.value() : []));
  /** indicator → target as typed (percent for shares and points). */
  protected readonly chosen = signal<Record<string, string>>({});
  protected readonly sending = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly saved = signal(false);
  protected readonly engagementId = computed(() => {
    const overview = this.view()?.overview;
    return overview?.hasValue() ? overview.value().engagementId : null;
  });

  protected percent(entry: CatalogueEntry): boolean {
    return entry.unit === 'share' || entry.unit === 'points';
  }

  protected toggle(entry: CatalogueEntry, event: Event): void {
    const on = (event.target as HTMLInputElement).checked;
    this.chosen.update((all) => {
      const next = { ...all };
      if (on) next[entry.indicator] = '';
      else delete next[entry.indicator];
      return next;
    });
  }

  protected setTarget(entry: CatalogueEntry, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.chosen.update((all) => ({ ...all, [entry.indicator]: value }));
  }

  protected async propose(event: Event): Promise<void> {
    event.preventDefault();
    const engagementId = this.engagementId();
    if (!engagementId || this.sending()) return;
    const body = this.entries()
      .filter((e) => e.indicator in this.chosen())
      .map((e) => {
        const typed = Number(this.chosen()[e.indicator].replace(',', '.'));
        return { indicator: e.indicator, target: this.percent(e) ? typed / 100 : typed };
      });
    this.sending.set(true);
    this.problem.set(null);
    this.saved.set(false);
    try {
      await this.api.proposeIndicators(engagementId, body);
      this.saved.set(true);
      this.view()?.overview.reload();
    } catch (error) {
      this.problem.set(toApiProblem(error));
    } finally {
      this.sending.set(false);
    }
  }
}
