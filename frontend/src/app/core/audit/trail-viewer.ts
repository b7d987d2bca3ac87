import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  signal,
  untracked,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemOf } from '../http/api-problem';
import { LanguageStore } from '../session/language-store';
import { ErrorAlert } from '../../shared/error-alert';
import { FormatDatePipe } from '../../shared/format-date-pipe';
import { Pager } from '../../shared/pager';
import { timeZoneLabelKey } from '../../shared/time-zones';
import { orgPath } from './audit-api';
import { today as todayHere } from './audit-models';
import { describeRead, ReadWords } from './auditor-read-words';
import {
  DETAIL_KEYS,
  TARGET_TYPES,
  TrailFilter,
  TrailItem,
  TrailPage,
  TrailPeriod,
} from './trail-models';

export const TRAIL_VIEW_PAGE_SIZE = 50;
/** How many days the viewer shows when it opens: enough to see what happened lately, cheap to count. */
export const DEFAULT_DAYS = 30;

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const PERIOD = /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/;
const INTL_LOCALES: Record<string, string> = { id: 'id-ID', en: 'en-GB' };
const KNOWN_DETAILS = new Set<string>(DETAIL_KEYS);

/** A calendar date `days` before `date` (both `YYYY-MM-DD`). */
export function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/**
 * The last DEFAULT_DAYS days up to now, kept within the engagement's period. The end stays open
 * (`to` empty) while the period runs: the server reads days in the organisation's time zone, and
 * the browser's "today" can be a day behind it (an auditor in Europe reading a Jakarta office after
 * 17:00 UTC), which would hide the organisation's own today. Only a period that has ended closes it.
 */
export function defaultRange(
  period: TrailPeriod | null,
  today = todayHere(),
): { from: string; to: string } {
  const to = period && today > period.end ? period.end : '';
  const from = daysBefore(to || today, DEFAULT_DAYS - 1);
  return { from: period && from < period.start ? period.start : from, to };
}

/** One detail as the table shows it. */
interface ShownDetail {
  key: string;
  /** Translation key of the detail's name, or null to show `key` as it is. */
  labelKey: string | null;
  value: string;
  /** Translation key of the value (yes / no), else null. */
  valueKey: string | null;
}

/** The object of an entry in words: a key with parameters (a page read), or a plain text. */
type ShownTarget =
  | { kind: 'words'; words: ReadWords }
  | { kind: 'text'; text: string }
  | { kind: 'none' };

interface ShownItem {
  item: TrailItem;
  target: ShownTarget;
  details: ShownDetail[];
}

/**
 * The audit trail as a person reads it: when (in the organisation's time zone), who, what, on which
 * object, with filters and paging. One component for the auditor's trail tab and HR's audit page;
 * what it may show (names or roles only) is the server's decision, by the reader's scope.
 */
@Component({
  selector: 'aman-trail-viewer',
  imports: [
    TranslocoPipe,
    ReactiveFormsModule,
    ErrorAlert,
    FormatDatePipe,
    Pager,
  ],
  templateUrl: './trail-viewer.html',
  styleUrls: ['./audit.css', './trail-viewer.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TrailViewer {
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly language = inject(LanguageStore);

  readonly orgId = input.required<string>();
  /** An auditor's engagement period: the dates stay within it. HR: none. */
  readonly period = input<TrailPeriod | null>(null);
  /** Whether names may be shown and searched (HR, named engagements). */
  readonly named = input(true);

  protected readonly targetTypes = TARGET_TYPES;
  protected readonly pageSize = TRAIL_VIEW_PAGE_SIZE;
  protected readonly page = signal(1);
  /** The filter the list shows; the form's values until they are applied. */
  protected readonly applied = signal<TrailFilter | null>(null);
  protected readonly submitted = signal(false);

  protected readonly form = this.fb.group({
    from: [''],
    to: [''],
    action: [''],
    actor: [''],
    targetType: [''],
  });

  protected readonly trail = httpResource<TrailPage>(() => {
    const filter = this.applied();
    if (!filter) return undefined;
    const params: Record<string, string | number> = {
      page: this.page(),
      pageSize: TRAIL_VIEW_PAGE_SIZE,
      lang: this.language.lang(),
    };
    for (const [key, value] of Object.entries(filter))
      if (value) params[key] = value;
    return { url: `${orgPath(this.orgId())}/audit-log/trail`, params };
  });
  protected readonly problem = problemOf(this.trail);
  protected readonly result = computed(() =>
    this.trail.hasValue() ? this.trail.value() : null,
  );
  /** Kept while the next page loads, so the filter's choices do not flicker away. */
  protected readonly actions = linkedSignal<TrailPage | null, string[]>({
    source: this.result,
    computation: (page, previous) => page?.actions ?? previous?.value ?? [],
  });
  protected readonly timeZone = linkedSignal<TrailPage | null, string | null>({
    source: this.result,
    computation: (page, previous) => page?.timeZone ?? previous?.value ?? null,
  });
  protected readonly zoneLabelKey = computed(() => {
    const zone = this.timeZone();
    return zone ? timeZoneLabelKey(zone) : null;
  });
  protected readonly pages = computed(() =>
    Math.max(1, Math.ceil((this.result()?.total ?? 0) / TRAIL_VIEW_PAGE_SIZE)),
  );
  protected readonly rows = computed<ShownItem[]>(() => {
    const lang = this.language.lang();
    return (this.result()?.items ?? []).map((item) => ({
      item,
      target: this.targetOf(item, lang),
      details: this.detailsOf(item, lang),
    }));
  });

  /** Problems of the form itself, before anything is sent. */
  protected readonly rangeProblem = computed(() => {
    if (!this.submitted()) return null;
    return this.checkRange();
  });

  constructor() {
    // A new organisation or period starts again from the default range.
    effect(() => {
      const period = this.period();
      this.orgId();
      untracked(() => this.reset(period));
    });
  }

  protected apply(event?: Event): void {
    event?.preventDefault();
    this.submitted.set(true);
    if (this.checkRange()) return;
    const v = this.form.getRawValue();
    this.page.set(1);
    this.applied.set({
      from: v.from,
      to: v.to,
      action: v.action,
      actor: this.named() ? v.actor.trim() : '',
      targetType: v.targetType,
    });
  }

  protected clear(): void {
    this.reset(this.period());
  }

  protected actionKey(action: string): string {
    return `auditActions.${action}`;
  }

  private reset(period: TrailPeriod | null): void {
    const range = defaultRange(period);
    this.form.setValue({ ...range, action: '', actor: '', targetType: '' });
    this.submitted.set(false);
    this.page.set(1);
    this.applied.set({ ...range, action: '', actor: '', targetType: '' });
  }

  /** null when the range can be sent; else the problem's translation key and parameters. */
  private checkRange(): { key: string; params: Record<string, string> } | null {
    const { from, to } = this.form.getRawValue();
    const period = this.period();
    if (
      period &&
      ((from && (from < period.start || from > period.end)) ||
        (to && (to < period.start || to > period.end)))
    ) {
      const date = new FormatDatePipe();
      const lang = this.language.lang();
      return {
        key: 'audit.trailView.outsidePeriod',
        params: {
          start: date.transform(period.start, lang),
          end: date.transform(period.end, lang),
        },
      };
    }
    if (from && to && to < from)
      return { key: 'audit.trailView.endBeforeStart', params: {} };
    return null;
  }

  private targetOf(item: TrailItem, lang: string): ShownTarget {
    const label = item.target?.label ?? null;
    if (item.targetType === 'route' && label) {
      return {
        kind: 'words',
        words: describeRead({ targetType: 'route', targetId: label }),
      };
    }
    if (label === null) return { kind: 'none' };
    const period = PERIOD.exec(label);
    if (period) {
      const date = new FormatDatePipe();
      return {
        kind: 'text',
        text: `${date.transform(period[1], lang)} – ${date.transform(period[2], lang)}`,
      };
    }
    return { kind: 'text', text: label };
  }

  private detailsOf(item: TrailItem, lang: string): ShownDetail[] {
    const date = new FormatDatePipe();
    const numbers = new Intl.NumberFormat(INTL_LOCALES[lang] ?? lang);
    return Object.entries(item.summary).map(([key, raw]) => ({
      key,
      labelKey: KNOWN_DETAILS.has(key)
        ? `audit.trailView.detailKeys.${key}`
        : null,
      value:
        typeof raw === 'number'
          ? numbers.format(raw)
          : typeof raw === 'string' && CALENDAR_DATE.test(raw)
            ? date.transform(raw, lang)
            : String(raw),
      valueKey:
        typeof raw === 'boolean'
          ? raw
            ? 'audit.trailView.yes'
            : 'audit.trailView.no'
          : null,
    }));
  }
}
