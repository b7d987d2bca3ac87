import { DOCUMENT, NgTemplateOutlet } from '@angular/common';
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
import { recomputeScript, trailFileName } from './trail-script';

/** What verify adds about signed report heads (API.md `anchors`). */
export interface TrailAnchors {
  checked: number;
  mismatched: string[];
  /** Reports made before heads were signed: nothing to check. */
  unsigned?: number;
}

/**
 * An entry in any of its published shapes: full (values, and salts from form 2 on), redacted for
 * an aggregate engagement (digests in place of values, their pointers in `redacted`), or, before the
 * chain's cut-over, its hash alone.
 */
export type PublishedEntry = Partial<TrailEntry> &
  Pick<TrailEntry, 'seq' | 'at' | 'action' | 'prevHash' | 'hash'> & {
    form?: 1 | 2;
    salts?: Record<string, string> | null;
    redacted?: string[];
  };

/** One value as the table shows it: plain text, a redacted digest, or nobody (a system action). */
export type ShownValue =
  | { kind: 'text'; text: string }
  | { kind: 'redacted'; digest: string }
  | { kind: 'system' };

export interface ShownEntry {
  seq: number;
  at: string;
  action: string;
  hashOnly: boolean;
  actor: ShownValue;
  target: { type: string; value: ShownValue } | null;
  details: { key: string; value: ShownValue }[];
}

/** How many of the latest entries the tab lists. */
export const RECENT = 20;

export function showEntry(e: PublishedEntry): ShownEntry {
  const redacted = new Set(e.redacted ?? []);
  const hashOnly = e.details === undefined && e.actorId === undefined;
  const value = (pointer: string, v: unknown): ShownValue =>
    redacted.has(pointer) && typeof v === 'string'
      ? { kind: 'redacted', digest: v }
      : { kind: 'text', text: typeof v === 'string' ? v : JSON.stringify(v) };
  const details =
    e.details && typeof e.details === 'object' && !Array.isArray(e.details)
      ? Object.entries(e.details as Record<string, unknown>).map(([key, v]) => ({
          key,
          value: value(`/details/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, v),
        }))
      : [];
  return {
    seq: e.seq,
    at: e.at,
    action: e.action,
    hashOnly,
    actor: e.actorId === null || e.actorId === undefined ? { kind: 'system' } : value('/actorId', e.actorId),
    target:
      e.targetId === null || e.targetId === undefined
        ? null
        : { type: e.targetType ?? '', value: value('/targetId', e.targetId) },
    details,
  };
}

/** The organisation's hash-chained audit trail: the server's check, and a full export to check offline. */
@Component({
  selector: 'aman-trail-tab',
  imports: [TranslocoPipe, ErrorAlert, NgTemplateOutlet],
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

  /** Asked for, not loaded with the tab: every read by an auditor is itself a trail entry. */
  protected readonly showRecent = signal(false);
  /** The latest entries, once asked for and the check has told where the head is. */
  protected readonly recent = httpResource<PublishedEntry[]>(() => {
    const check = this.result();
    if (!check || !this.showRecent()) return undefined;
    const afterSeq = Math.max(0, check.headSeq - RECENT);
    return `${orgPath(this.orgId())}/audit-log/entries?afterSeq=${afterSeq}&limit=${RECENT}`;
  });
  protected readonly recentProblem = problemOf(this.recent);
  protected readonly recentEntries = computed(() =>
    this.recent.hasValue() ? [...this.recent.value()].reverse().map(showEntry) : [],
  );
  protected readonly anyRedacted = computed(() =>
    this.recentEntries().some(
      (e) => e.hashOnly || e.actor.kind === 'redacted' || e.target?.value.kind === 'redacted' || e.details.some((d) => d.value.kind === 'redacted'),
    ),
  );

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

  protected loadRecent(): void {
    if (this.showRecent()) this.recent.reload();
    else this.showRecent.set(true);
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
