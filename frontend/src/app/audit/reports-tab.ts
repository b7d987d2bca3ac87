import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { Engagement } from '../core/audit/engagement';
import { ReportArchive } from '../core/audit/report-archive';

/** The auditor's view of the organisation's report archive. */
@Component({
  selector: 'aman-reports-tab',
  imports: [TranslocoPipe, ReportArchive],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2>{{ 'audit.reports.heading' | transloco }}</h2>
    <p class="lead">{{ 'audit.reports.intro' | transloco }}</p>
    <aman-report-archive
      [orgId]="orgId()"
      [minDate]="engagement()?.periodStart ?? null"
      [maxDate]="engagement()?.periodEnd ?? null"
    />
  `,
})
export class ReportsTab {
  readonly orgId = input.required<string>();

  private readonly engagements = httpResource<Engagement[]>(
    () => '/api/engagements',
  );
  /** The engagement in force for this organisation: a report may only cover its period. */
  protected readonly engagement = computed(() =>
    this.engagements.hasValue()
      ? (this.engagements
          .value()
          .find((e) => e.organizationId === this.orgId() && e.active) ?? null)
      : null,
  );
}
