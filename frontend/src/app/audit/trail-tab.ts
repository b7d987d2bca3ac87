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
import { ApiProblem, problemOf, toApiProblem } from '../core/http/api-problem';
import { ErrorAlert } from '../shared/error-alert';
import { AuditApi, orgPath } from '../core/audit/audit-api';
import { TrailCheck, TrailEntry } from '../core/audit/audit-models';
import { Engagement } from '../core/audit/engagement';
import { TrailPeriod } from '../core/audit/trail-models';
import { TrailViewer } from '../core/audit/trail-viewer';
import { recomputeScript, trailFileName } from './trail-script';

/** What verify adds about signed report heads (API.md `anchors`). */
export interface TrailAnchors {
  checked: number;
  mismatched: string[];
  /** Reports made before heads were signed: nothing to check. */
  unsigned?: number;
}

/**
 * The organisation's hash-chained audit trail: the server's check, the entries in words (the viewer
 * HR's audit page shows too), and a full export to check offline.
 */
@Component({
  selector: 'aman-trail-tab',
  imports: [TranslocoPipe, ErrorAlert, TrailViewer],
  templateUrl: './trail-tab.html',
  styleUrls: ['../core/audit/audit.css', './trail-tab.css'],
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
  protected readonly problem = problemOf(this.trail);
  protected readonly anchors = computed(
    () => (this.result() as (TrailCheck & { anchors?: TrailAnchors }) | null)?.anchors ?? null,
  );

  private readonly engagements = httpResource<Engagement[]>(
    () => '/api/engagements',
  );
  /** Known (or failed to load): only then does the viewer start, with the right period and scope. */
  protected readonly engagementSettled = computed(
    () => this.engagements.hasValue() || this.engagements.error() !== undefined,
  );
  /** The engagement in force, a named one first (the server's own choice when a partner has two). */
  private readonly engagement = computed(() => {
    const active = this.engagements.hasValue()
      ? this.engagements
          .value()
          .filter((e) => e.organizationId === this.orgId() && e.active)
      : [];
    return active.find((e) => e.scope === 'named') ?? active.at(0) ?? null;
  });
  protected readonly period = computed<TrailPeriod | null>(() => {
    const e = this.engagement();
    return e ? { start: e.periodStart, end: e.periodEnd } : null;
  });
  protected readonly named = computed(() => this.engagement()?.scope === 'named');

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
