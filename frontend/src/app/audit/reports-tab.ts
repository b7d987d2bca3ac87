import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { ReportArchive } from '../core/audit/report-archive';

/** The auditor's view of the organisation's report archive. */
@Component({
  selector: 'aman-reports-tab',
  imports: [TranslocoPipe, ReportArchive],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2>{{ 'audit.reports.heading' | transloco }}</h2>
    <p class="lead">{{ 'audit.reports.intro' | transloco }}</p>
    <aman-report-archive [orgId]="orgId()" />
  `,
})
export class ReportsTab {
  readonly orgId = input.required<string>();
}
