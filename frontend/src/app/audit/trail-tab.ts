import { DOCUMENT } from '@angular/common';
import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { ApiProblem, toApiProblem } from '../core/http/api-problem';
import { ErrorAlert } from '../shared/error-alert';
import { AuditApi, orgPath } from '../core/audit/audit-api';
import { TrailCheck, TrailEntry } from '../core/audit/audit-models';
import { recomputeScript, trailFileName } from './trail-script';

/** The organisation's hash-chained audit trail: the server's check, and a full export to check offline. */
@Component({
  selector: 'aman-trail-tab',
  imports: [TranslocoPipe, ErrorAlert],
  templateUrl: './trail-tab.html',
  styleUrl: '../core/audit/audit.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TrailTab {
  private readonly api = inject(AuditApi);
  private readonly document = inject(DOCUMENT);
  readonly orgId = input.required<string>();

  protected readonly trail = httpResource<TrailCheck>(
    () => `${orgPath(this.orgId())}/audit-log/verify`,
  );
  protected readonly result = computed(() =>
    this.trail.hasValue() ? this.trail.value() : null,
  );
  protected readonly problem = computed(() => {
    const error = this.trail.error();
    return error ? toApiProblem(error) : null;
  });

  protected readonly exporting = signal(false);
  /** Entries fetched so far by the running export. */
  protected readonly fetched = signal(0);
  protected readonly exported = signal<{
    count: number;
    fileName: string;
    url: string;
  } | null>(null);
  protected readonly exportProblem = signal<ApiProblem | null>(null);
  protected readonly script = computed(() => recomputeScript(this.orgId()));
  private destroyed = false;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      this.forgetFile();
    });
  }

  /** Reads every entry, a page at a time until a page comes back empty, and saves them as JSON Lines. */
  protected async exportEntries(): Promise<void> {
    if (this.exporting()) return;
    const organizationId = this.orgId();
    this.exporting.set(true);
    this.fetched.set(0);
    this.exportProblem.set(null);
    this.forgetFile();
    const entries: TrailEntry[] = [];
    try {
      for (let afterSeq = 0; ; ) {
        const page = await this.api.trailEntries(organizationId, afterSeq);
        if (this.destroyed) return;
        if (page.length === 0) break;
        entries.push(...page);
        this.fetched.set(entries.length);
        afterSeq = page[page.length - 1].seq;
      }
      this.save(entries, trailFileName(organizationId));
    } catch (error) {
      this.exportProblem.set(toApiProblem(error));
    } finally {
      this.exporting.set(false);
    }
  }

  private save(entries: TrailEntry[], fileName: string): void {
    const lines = entries.map((entry) => `${JSON.stringify(entry)}\n`);
    const url = URL.createObjectURL(
      new Blob(lines, { type: 'application/x-ndjson' }),
    );
    this.exported.set({ count: entries.length, fileName, url });
    const link = this.document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.hidden = true;
    this.document.body.append(link);
    link.click();
    link.remove();
  }

  /** The file stays available (the "save again" link) until the next export or leaving the page. */
  private forgetFile(): void {
    const file = this.exported();
    if (file) URL.revokeObjectURL(file.url);
    this.exported.set(null);
  }
}
