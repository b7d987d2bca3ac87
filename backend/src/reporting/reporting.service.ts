import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import type { Actor } from '../common/actor';
import type { Page } from '../common/pagination';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { completionCsv, completionXlsx } from './report-files';
import type { GroupBy } from './reporting.dto';
import { type CountsRow, type FlatDimension, type OverduePersonRow, ReportingRepository } from './reporting.repository';
import { type GroupCounts, MIN_GROUP_SIZE, publish, type PublishedCounts, suppressPartition, suppressSmall, suppressUnitTree } from './suppression';

type Lang = 'id' | 'en';

export interface CompletionRow extends PublishedCounts {
  group: string;
  groupId?: string;
  parentId?: string | null;
}

export interface Summary extends PublishedCounts {
  leaders: PublishedCounts;
  staff: PublishedCounts;
}

export interface CompletionQuery {
  groupBy: GroupBy;
  module?: string;
  lang?: Lang;
}

/** The groups of each flat breakdown, all listed even when empty, so that each row set is a full partition. */
const GROUPS: Record<FlatDimension, string[]> = {
  role: ['leaders', 'staff'],
  gender: ['female', 'male', 'not_stated'],
  employmentType: ['permanent', 'contract', 'intern', 'volunteer'],
};

/** Periods one over-time request may ask for (five years of weeks). */
const MAX_PERIODS = 261;

/** Kept results: a bound on memory, and on how long one can stay in use without a change. */
const CACHE_ENTRIES = 300;
const CACHE_MAX_AGE_MS = 60 * 60 * 1000;

interface Kept {
  value: unknown;
  snapshot: string;
  today: string;
  at: number;
  body?: Promise<JsonBody>;
}

/** A report ready to send: serialised once per kept result, and compressed for clients that accept gzip. */
export interface JsonBody {
  json: Buffer;
  gzip: Buffer;
}

function badRequest(field: string, message: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, message, fields: [{ field, message }] });
}

const gzipAsync = promisify(gzip);

const empty = (key: string): CountsRow => ({ key, assigned: 0, completed: 0, overdue: 0, assignments: 0, assignmentsCompleted: 0 });

/**
 * Completion reports: counts of people, never of assignments, with small-cell suppression applied
 * before anything leaves the service (JSON, CSV and XLSX alike).
 *
 * A computed report is kept with the database snapshot it was read from and reused only while
 * nothing it depends on has committed since (one index probe, see ReportingRepository.changedSince)
 * and the organisation's today is the same: never stale, and cheap while HR keeps looking. Identical
 * reports asked for while one is being computed share that computation.
 */
@Injectable()
export class ReportingService {
  private readonly inFlight = new Map<string, { seq: number; promise: Promise<Kept> }>();
  private readonly kept = new Map<string, Kept>();
  private computations = 0;
  /** Checks of kept results against the database, per organisation and snapshot (see `validate`). */
  private readonly validations = new Map<string, { running: Promise<Validation>; next?: Promise<Validation> }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: ReportingRepository,
    private readonly auditTrail: AuditTrailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get k(): number {
    return Math.max(MIN_GROUP_SIZE, this.config.reportMinGroupSize);
  }

  /** The smallest group published (k), as the reports' methodology states it. */
  get minGroupSize(): number {
    return this.k;
  }

  async completion(organizationId: string, query: CompletionQuery, lang: Lang): Promise<CompletionRow[]> {
    return (await this.completionReport(organizationId, query, lang)).value as CompletionRow[];
  }

  /** The same rows as `completion`, as a JSON body. */
  async completionBody(organizationId: string, query: CompletionQuery, lang: Lang): Promise<JsonBody> {
    return bodyOf(await this.completionReport(organizationId, query, lang));
  }

  /** The organisation's total with leaders and staff side by side, hidden together when either is small. */
  async summary(organizationId: string, moduleSlug?: string): Promise<Summary> {
    return (await this.summaryReport(organizationId, moduleSlug)).value as Summary;
  }

  async summaryBody(organizationId: string, moduleSlug?: string): Promise<JsonBody> {
    return bodyOf(await this.summaryReport(organizationId, moduleSlug));
  }

  private async completionReport(organizationId: string, query: CompletionQuery, lang: Lang): Promise<Kept> {
    const module = await this.checkModule(query.module);
    return this.cached(organizationId, `completion|${organizationId}|${query.groupBy}|${module ?? ''}|${query.groupBy === 'module' ? lang : ''}`, (m) => {
      switch (query.groupBy) {
        case 'unit':
          return this.byUnit(m, organizationId, module);
        case 'module':
          return this.byModule(m, organizationId, module, lang);
        default:
          return this.byDimension(m, organizationId, query.groupBy, module);
      }
    });
  }

  private async summaryReport(organizationId: string, moduleSlug?: string): Promise<Kept> {
    const module = await this.checkModule(moduleSlug);
    return this.cached(organizationId, `summary|${organizationId}|${module ?? ''}`, async (m): Promise<Summary> => {
      // The role breakdown's own partition (GROUPS.role: leaders, then staff), so that the two never differ.
      const { groups, total } = await this.partition(m, organizationId, 'role', module);
      const [leaders, staff] = groups.map((g) => g.published);
      return { ...total, leaders, staff };
    });
  }

  async exportCompletion(actor: Actor, organizationId: string, query: CompletionQuery, format: 'csv' | 'xlsx'): Promise<{ filename: string; body: Buffer | string }> {
    const [rows, today] = await Promise.all([this.completion(organizationId, query, query.lang ?? actor.locale), this.reports.getToday(organizationId)]);
    const name = `aman-completion-by-${query.groupBy}${query.module ? `-${query.module}` : ''}-${today}`;
    const body = format === 'csv' ? completionCsv(rows) : await completionXlsx(rows, query.lang ?? actor.locale);
    await this.dataSource.transaction((m) =>
      this.auditTrail.append(m, {
        organizationId,
        actorId: actor.userId,
        action: 'report.exported',
        targetType: 'report',
        targetId: 'completion',
        details: { format, groupBy: query.groupBy, module: query.module ?? null, rows: rows.length },
      }),
    );
    return { filename: `${name}.${format}`, body };
  }

  /** Named people, for HR's drill-down only (never on the auditor routes). */
  async overdue(organizationId: string, unitId: string | undefined, lang: Lang, page: number, pageSize: number): Promise<Page<OverduePersonRow>> {
    if (unitId && !(await this.reports.unitExists(organizationId, unitId))) throw new NotFoundException('Unit not found');
    const { items, total } = await this.reports.listOverdue(organizationId, unitId ?? null, lang, page, pageSize);
    return { items, total, page, pageSize };
  }

  /** Completions per period; a period with 1..k-1 of them is hidden, none is shown as 0. */
  async completionsOverTime(
    organizationId: string,
    query: { from?: string; to?: string; interval?: 'week' | 'month'; module?: string },
  ): Promise<{ period: string; completed: number | null; suppressed: boolean }[]> {
    const interval = query.interval ?? 'month';
    const module = await this.checkModule(query.module);
    for (const field of ['from', 'to'] as const) {
      const value = query[field];
      if (value !== undefined && !isCalendarDate(value)) throw badRequest(field, `${field} is not a date of the calendar`);
    }
    const to = query.to ?? (await this.reports.getToday(organizationId));
    const from = query.from ?? (interval === 'month' ? addMonths(`${to.slice(0, 8)}01`, -11) : addDays(to, -7 * 11));
    if (from > to) throw badRequest('from', 'from must not be after to');
    const periods = interval === 'month' ? monthsBetween(from, to) + 1 : Math.floor(daysBetween(from, to) / 7) + 2;
    if (periods > MAX_PERIODS) throw badRequest('from', `the range holds more than ${MAX_PERIODS} periods: shorten it or use a longer interval`);
    const rows = await this.reports.countCompletionsOverTime(organizationId, from, to, interval, module);
    const hidden = suppressSmall(rows.map((r) => ({ id: r.period, size: r.completed })), this.k);
    return rows.map((r) =>
      hidden.has(r.period) ? { period: r.period, completed: null, suppressed: true } : { period: r.period, completed: r.completed, suppressed: false },
    );
  }

  private async checkModule(slug: string | undefined): Promise<string | null> {
    if (slug === undefined) return null;
    const modules = await this.reports.getActiveModules();
    if (!modules.some((m) => m.slug === slug)) throw badRequest('module', `module must be the slug of an active module: ${modules.map((m) => m.slug).join(', ')}`);
    return slug;
  }

  private async byDimension(m: EntityManager, organizationId: string, dimension: FlatDimension, module: string | null): Promise<CompletionRow[]> {
    const { groups } = await this.partition(m, organizationId, dimension, module);
    return groups.map(({ group, published }) => ({ group, ...published }));
  }

  /** A flat breakdown's groups in GROUPS order, and their total, hidden together as one partition. */
  private async partition(
    m: EntityManager,
    organizationId: string,
    dimension: FlatDimension,
    module: string | null,
  ): Promise<{ groups: { group: string; published: PublishedCounts }[]; total: PublishedCounts }> {
    const counted = await this.reports.countByDimension(m, organizationId, dimension, module);
    const groups = GROUPS[dimension].map((g) => counted.find((r) => r.key === g) ?? empty(g));
    const total = sumCounts(groups);
    const { hidden, totalHidden } = suppressPartition(groups.map((g) => ({ id: g.key, size: g.assigned })), total.assigned, this.k);
    return { groups: groups.map((g) => ({ group: g.key, published: publish(g, hidden.has(g.key)) })), total: publish(total, totalHidden) };
  }

  /** Modules are not a partition (a person has several), so only groups under k are hidden. */
  private async byModule(m: EntityManager, organizationId: string, only: string | null, lang: Lang): Promise<CompletionRow[]> {
    const modules = await this.reports.getActiveModules(m);
    const rows = await this.reports.countByModule(m, organizationId);
    const groups = modules.filter((mod) => only === null || mod.slug === only).map((mod) => ({ mod, counts: rows.find((r) => r.key === mod.slug) ?? empty(mod.slug) }));
    const hidden = suppressSmall(groups.map((g) => ({ id: g.mod.slug, size: g.counts.assigned })), this.k);
    return groups.map(({ mod, counts }) => ({ group: mod.title[lang] ?? mod.title.id, groupId: mod.slug, ...publish(counts, hidden.has(mod.slug)) }));
  }

  /** Every unit with its whole subtree, parents before children, siblings by name. */
  private async byUnit(m: EntityManager, organizationId: string, module: string | null): Promise<CompletionRow[]> {
    const { units, total } = await this.reports.countByUnit(m, organizationId, module);
    const hidden = suppressUnitTree(units.map((u) => ({ id: u.key, parentId: u.parentId, size: u.assigned })), total.assigned, this.k);
    const present = new Set(units.map((u) => u.key));
    const children = new Map<string | null, typeof units>();
    for (const u of units) {
      const parent = u.parentId && present.has(u.parentId) ? u.parentId : null;
      const list = children.get(parent);
      if (list) list.push(u);
      else children.set(parent, [u]);
    }
    const ordered: CompletionRow[] = [];
    const visit = (parent: string | null) => {
      const kids = (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'id') || (a.key < b.key ? -1 : 1));
      for (const u of kids) {
        ordered.push({ group: u.name, groupId: u.key, parentId: u.parentId, ...publish(u, hidden.has(u.key)) });
        visit(u.key);
      }
    };
    visit(null);
    return ordered;
  }

  /**
   * Whether anything changed since `snapshot`, answered by a check that started after the caller
   * arrived (one that started earlier may have run before a change the caller must see). Callers
   * that arrive while a check runs share the next one: under load, one query per round for all of
   * an organisation's kept reports instead of one per request, with nothing stale.
   */
  private validate(organizationId: string, snapshot: string): Promise<Validation> {
    const key = `${organizationId}|${snapshot}`;
    const slot = this.validations.get(key);
    if (!slot) return this.startValidation(key, organizationId, snapshot);
    slot.next ??= slot.running.catch(() => undefined).then(() => this.startValidation(key, organizationId, snapshot));
    return slot.next;
  }

  private startValidation(key: string, organizationId: string, snapshot: string): Promise<Validation> {
    const running = this.reports.changedSince(organizationId, snapshot);
    this.validations.set(key, { running });
    const settled = () => {
      const slot = this.validations.get(key);
      if (slot?.running === running && !slot.next) this.validations.delete(key);
    };
    running.then(settled, settled);
    return running;
  }

  private async cached(organizationId: string, key: string, read: (m: EntityManager) => Promise<unknown>): Promise<Kept> {
    const arrival = this.computations;
    const kept = this.kept.get(key);
    if (kept && Date.now() - kept.at < CACHE_MAX_AGE_MS) {
      const { changed, today } = await this.validate(organizationId, kept.snapshot);
      if (!changed && today === kept.today) return kept;
    }
    if (this.kept.get(key) === kept) this.kept.delete(key);
    // Join a computation of the same report only if it started after this request arrived: one
    // that started earlier may have read a snapshot older than a change this request must see.
    for (let running = this.inFlight.get(key); running; running = this.inFlight.get(key)) {
      if (running.seq > arrival) return running.promise;
      await running.promise.catch(() => undefined);
    }
    const seq = ++this.computations;
    const promise = this.reports
      .readAtSnapshot(organizationId, read)
      .then(({ value, snapshot, today }) => {
        const entry: Kept = { value, snapshot, today, at: Date.now() };
        this.kept.delete(key);
        this.kept.set(key, entry);
        // Map order is insertion order: the first key is the oldest.
        if (this.kept.size > CACHE_ENTRIES) this.kept.delete(this.kept.keys().next().value as string);
        return entry;
      })
      .finally(() => {
        if (this.inFlight.get(key)?.seq === seq) this.inFlight.delete(key);
      });
    this.inFlight.set(key, { seq, promise });
    return promise;
  }
}

function sumCounts(groups: readonly GroupCounts[]): GroupCounts {
  const total: GroupCounts = { assigned: 0, completed: 0, overdue: 0, assignments: 0, assignmentsCompleted: 0 };
  for (const g of groups) for (const k of Object.keys(total) as (keyof GroupCounts)[]) total[k] += g[k];
  return total;
}

type Validation = { changed: boolean; today: string };

function bodyOf(kept: Kept): Promise<JsonBody> {
  kept.body ??= (async () => {
    const json = Buffer.from(JSON.stringify(kept.value));
    return { json, gzip: await gzipAsync(json) };
  })();
  return kept.body;
}

function isCalendarDate(value: string): boolean {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function addMonths(firstOfMonth: string, months: number): string {
  const d = new Date(`${firstOfMonth}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function monthsBetween(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
}
