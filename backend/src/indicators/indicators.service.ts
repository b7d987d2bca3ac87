import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import { FindingsService } from '../audit/findings.service';
import type { Actor } from '../common/actor';
import type { Page } from '../common/pagination';
import { CaseStatisticsService } from '../report-channel/case-statistics.service';
import { type KnowledgeGainRow, KnowledgeGainService } from '../reporting/knowledge-gain.service';
import { ReportingService } from '../reporting/reporting.service';
import { SurveysService } from '../surveys/surveys.service';
import { AccessService } from '../tenancy/access.service';
import { CATALOGUE, definition, type IndicatorUnit, meetsTarget, TARGET_RANGE } from './catalogue';
import { IndicatorsRepository, type PartnerEngagementRow, type SnapshotRow } from './indicators.repository';
import { indicatorsSection } from './report-section';

type Lang = 'id' | 'en';

export interface IndicatorValue {
  value: number | null;
  /** False while the figure's source does not exist yet (then value is null and `note` says so). */
  available: boolean;
  note: string | null;
  /** True when the owning service hid the figure (a group under k): the value is null for that reason, not for want of data. */
  suppressed: boolean;
}

export interface IndicatorPoint {
  period: string;
  value: number | null;
  source: 'report' | 'current';
  reportId?: string;
}

export interface EngagementIndicator {
  id: string;
  indicator: string;
  name: string;
  unit: IndicatorUnit;
  higherIsBetter: boolean;
  target: number;
  status: 'proposed' | 'accepted' | 'commented';
  comment: string | null;
  available: boolean;
  note: string | null;
  values: IndicatorPoint[];
}

/** How a value stands against its target: no target when the engagement has not agreed one for it. */
export type TargetStatus = 'met' | 'not_met' | 'no_value' | 'no_target';

export interface SideBySideCell {
  indicator: string;
  target: number | null;
  value: number | null;
  available: boolean;
  suppressed: boolean;
  status: TargetStatus;
}

export interface SideBySideOrganization {
  engagementId: string;
  organizationId: string;
  organizationName: string;
  periodStart: string;
  periodEnd: string;
  scope: 'aggregate' | 'named';
  /** The state of the engagement's agreement on indicators; null when none is proposed yet. */
  agreement: 'proposed' | 'accepted' | 'commented' | null;
  /** The organisation's today: the day the values are computed for. */
  asOf: string;
  /** Every catalogue indicator, in catalogue order. */
  indicators: SideBySideCell[];
}

export interface SideBySide extends Page<SideBySideOrganization> {
  catalogue: { indicator: string; name: string; unit: IndicatorUnit; higherIsBetter: boolean }[];
}

/**
 * Organisations computed at once for the side-by-side page: each already runs its six figures in
 * parallel, so two at a time keep the connection pool free for everyone else.
 */
const SIDE_BY_SIDE_PARALLEL = 2;

const NOT_YET: Record<Lang, string> = {
  id: 'Belum tersedia: sumber angka ini belum ada di platform.',
  en: 'Not available yet: the source of this figure is not in the platform yet.',
};

function badRequest(field: string, message: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, message, fields: [{ field, message }] });
}

/**
 * Agreed indicators: the catalogue, the agreement per engagement, and values computed by the
 * services that publish each figure elsewhere (completion from ReportingService, survey shares from
 * SurveysService, findings from FindingsService), so the dashboard, the shared view and the audit
 * report never disagree. Trends read the snapshots each audit report stored.
 */
@Injectable()
export class IndicatorsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly indicators: IndicatorsRepository,
    private readonly reporting: ReportingService,
    private readonly surveys: SurveysService,
    private readonly findings: FindingsService,
    private readonly cases: CaseStatisticsService,
    private readonly knowledge: KnowledgeGainService,
    private readonly access: AccessService,
    private readonly auditTrail: AuditTrailService,
  ) {}

  catalogue(lang: Lang) {
    return CATALOGUE.map((d) => ({ indicator: d.key, name: d.name[lang], unit: d.unit, higherIsBetter: d.higherIsBetter, source: d.source[lang], range: TARGET_RANGE[d.unit] }));
  }

  /** Every catalogue indicator's value now, each from the service that owns the figure. */
  async values(organizationId: string, lang: Lang = 'en'): Promise<Record<string, IndicatorValue>> {
    const [summary, know, trust, findings, cases, gains] = await Promise.all([
      this.reporting.summary(organizationId),
      this.surveys.indicatorShare(organizationId, 'know_how_to_report'),
      this.surveys.indicatorShare(organizationId, 'trust_process'),
      this.findings.closedOnTimeShare(organizationId),
      this.cases.statistics(organizationId, 'status'),
      this.knowledge.figures(organizationId, { groupBy: 'role' }, lang),
    ]);
    // The latest quarter with cases, as the channel publishes it: a count only when none of its cells is hidden.
    const lastQuarter = cases.rows.at(-1)?.quarter;
    const quarterRows = cases.rows.filter((r) => r.quarter === lastQuarter);
    const received = quarterRows.length && quarterRows.every((r) => !r.suppressed) ? quarterRows.reduce((sum, r) => sum + (r.count ?? 0), 0) : null;
    const closing = cases.medianDaysToClose.at(-1);
    const gain = organisationGain(gains);
    const ok = (value: number | null, suppressed = false): IndicatorValue => ({ value, available: true, note: null, suppressed: value === null && suppressed });
    return {
      completion_leaders: ok(summary.leaders.moduleCompletionRate, summary.leaders.suppressed),
      completion_staff: ok(summary.staff.moduleCompletionRate, summary.staff.suppressed),
      knowledge_gain: ok(gain, gains.some((r) => r.groupKind === 'organization' && r.suppressed)),
      know_how_to_report: ok(know.value, know.suppressed),
      trust_process: ok(trust.value, trust.suppressed),
      cases_received_per_quarter: ok(received, quarterRows.some((r) => r.suppressed)),
      cases_closed_per_quarter: ok(closing?.closed ?? null, closing?.suppressed),
      median_days_to_close: ok(closing?.medianDaysToClose ?? null, closing?.suppressed),
      // Findings are the partner's own records about the organisation, not about people: nothing to hide.
      findings_closed_on_time: ok(findings.value),
    };
  }

  /** The values an audit report stores with its numbers (every catalogue indicator). */
  async snapshot(organizationId: string): Promise<Record<string, number | null>> {
    const values = await this.values(organizationId);
    return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.value]));
  }

  /** GET /engagements/:id/indicators: HR of the organisation or an auditor of the engagement's partner (logged). */
  async list(actor: Actor, engagementId: string, lang: Lang): Promise<EngagementIndicator[]> {
    const engagement = await this.readable(actor, engagementId);
    return this.agreed(engagement.organizationId, engagementId, lang);
  }

  /** The agreed (or proposed) indicators with their trend: stored snapshots, then the current value. */
  async agreed(organizationId: string, engagementId: string, lang: Lang, options: { before?: Date; current?: Record<string, number | null>; currentPeriod?: string; values?: Record<string, IndicatorValue> } = {}): Promise<EngagementIndicator[]> {
    const agreement = await this.indicators.agreement(engagementId);
    if (!agreement) return [];
    const [snapshots, values, today] = await Promise.all([
      this.indicators.snapshots(organizationId, options.before),
      options.current || options.values ? Promise.resolve(options.values ?? null) : this.values(organizationId, lang),
      this.indicators.today(organizationId),
    ]);
    return agreement.items.map((item) => {
      const def = definition(item.indicator)!;
      const now = options.current ? { value: options.current[item.indicator] ?? null, available: true } : values![item.indicator];
      return {
        id: item.id,
        indicator: item.indicator,
        name: def.name[lang],
        unit: def.unit,
        higherIsBetter: def.higherIsBetter,
        target: item.target,
        status: agreement.status,
        comment: agreement.comment,
        available: now.available,
        note: now.available ? null : NOT_YET[lang],
        values: [...trend(snapshots, item.indicator), { period: options.currentPeriod ?? today, value: now.value, source: 'current' as const }],
      };
    });
  }

  /**
   * HR's dashboard and the shared view (the tenancy guard has let in HR or an engaged auditor): an
   * auditor sees the indicators of their own partner's engagement, HR those of the latest agreement.
   */
  async overview(actor: Actor, organizationId: string, lang: Lang) {
    const engagementId = actor.partnerId ? await this.indicators.partnerEngagement(actor.partnerId, organizationId) : await this.latestEngagement(organizationId);
    const values = await this.values(organizationId, lang);
    return {
      engagementId,
      indicators: engagementId ? await this.agreed(organizationId, engagementId, lang, { values }) : [],
      values,
    };
  }

  /**
   * GET /partners/me/indicators: for an auditor, every organisation their partner has an engagement
   * in force with, side by side — each catalogue indicator's value today (the same `values` the
   * shared view and the reports use), the target agreed for the engagement the shared view shows,
   * and how the value stands against it. Aggregates only, already suppressed; each organisation's
   * read is an `auditor.read` entry in its own trail (through the one access rule).
   */
  async sideBySide(actor: Actor, page: number, pageSize: number, lang: Lang): Promise<SideBySide> {
    if (!actor.partnerId) throw new NotFoundException('Partner not found');
    const { rows, total } = await this.indicators.partnerEngagements(actor.partnerId, page, pageSize);
    const items: (SideBySideOrganization | null)[] = new Array(rows.length).fill(null);
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const at = next++;
        items[at] = await this.organizationSideBySide(actor, rows[at], lang);
      }
    };
    await Promise.all(Array.from({ length: Math.min(SIDE_BY_SIDE_PARALLEL, rows.length) }, worker));
    return {
      catalogue: CATALOGUE.map((d) => ({ indicator: d.key, name: d.name[lang], unit: d.unit, higherIsBetter: d.higherIsBetter })),
      items: items.filter((i): i is SideBySideOrganization => i !== null),
      total,
      page,
      pageSize,
    };
  }

  /** One organisation's column; null when the engagement ended between the list and this read. */
  private async organizationSideBySide(actor: Actor, row: PartnerEngagementRow, lang: Lang): Promise<SideBySideOrganization | null> {
    const grant = await this.access.authorize(actor, {
      organizationId: row.organizationId,
      members: 'hr_admin',
      scope: 'aggregate',
      target: { type: 'engagement', id: row.engagementId, details: { read: 'indicators', view: 'side-by-side' } },
    });
    if (!grant) return null;
    const [values, agreement, asOf] = await Promise.all([this.values(row.organizationId, lang), this.indicators.agreement(row.engagementId), this.indicators.today(row.organizationId)]);
    const targets = new Map((agreement?.items ?? []).map((i) => [i.indicator, i.target]));
    return {
      ...row,
      agreement: agreement?.status ?? null,
      asOf,
      indicators: CATALOGUE.map((d) => {
        const { value, available, suppressed } = values[d.key];
        const target = targets.get(d.key) ?? null;
        const meets = target === null ? null : meetsTarget(d.higherIsBetter, value, target);
        const status: TargetStatus = target === null ? 'no_target' : meets === null ? 'no_value' : meets ? 'met' : 'not_met';
        return { indicator: d.key, target, value, available, suppressed, status };
      }),
    };
  }

  /**
   * For an audit report: every catalogue value (the snapshot it stores with its numbers), and its
   * section: the engagement's indicators against their targets with the trend over earlier reports
   * (this report's own values last), and the latest survey's results.
   */
  async reportSection(report: { id: string; organizationId: string; createdAt: Date; periodEnd: string; lang: Lang }) {
    const orgId = report.organizationId;
    const values = await this.values(orgId, report.lang);
    const engagementId = (await this.indicators.reportEngagement(report.id)) ?? (await this.latestEngagement(orgId));
    const [indicators, survey] = await Promise.all([
      engagementId ? this.agreed(orgId, engagementId, report.lang, { before: report.createdAt, values, currentPeriod: report.periodEnd }) : Promise.resolve([]),
      this.surveys.latestResults(orgId, null, report.lang),
    ]);
    const snapshot = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.value]));
    return { snapshot, section: indicatorsSection(report.lang, indicators, survey) };
  }

  /** The engagement whose indicators HR's dashboard and a report without an engagement show. */
  latestEngagement(organizationId: string): Promise<string | null> {
    return this.indicators.latestAgreedEngagement(organizationId);
  }

  async propose(actor: Actor, engagementId: string, body: unknown, lang: Lang): Promise<EngagementIndicator[]> {
    const items = proposalItems(body);
    const engagement = await this.indicators.engagement(engagementId);
    // Only an auditor of the engagement's partner, while it is in force; anyone else does not see it.
    if (!engagement || !actor.roles.includes('auditor') || actor.partnerId !== engagement.partnerId) throw new NotFoundException('Engagement not found');
    if (!engagement.active) throw new ConflictException('This engagement is not in force today');
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const def = definition(item.indicator);
      if (!def) throw badRequest(`indicators.${i}.indicator`, `indicator must be one of: ${CATALOGUE.map((d) => d.key).join(', ')}`);
      if (seen.has(item.indicator)) throw badRequest(`indicators.${i}.indicator`, `${item.indicator} is listed twice`);
      seen.add(item.indicator);
      const [min, max] = TARGET_RANGE[def.unit];
      if (typeof item.target !== 'number' || !Number.isFinite(item.target) || item.target < min || item.target > max) {
        throw badRequest(`indicators.${i}.target`, `the target of ${item.indicator} (${def.unit}) must be a number from ${min} to ${max}`);
      }
    });
    await this.dataSource.transaction(async (m) => {
      await this.indicators.replaceProposal(m, engagementId, actor.userId, items);
      await this.auditTrail.append(m, {
        organizationId: engagement.organizationId,
        actorId: actor.userId,
        action: 'indicators.proposed',
        targetType: 'engagement',
        targetId: engagementId,
        details: { indicators: items.map((i) => ({ indicator: i.indicator, target: i.target })) },
      });
    });
    return this.agreed(engagement.organizationId, engagementId, lang);
  }

  async decide(actor: Actor, engagementId: string, dto: { accept?: boolean; comment?: string }, lang: Lang): Promise<EngagementIndicator[]> {
    const engagement = await this.indicators.engagement(engagementId);
    if (!engagement || actor.organizationId !== engagement.organizationId) throw new NotFoundException('Engagement not found');
    if (!actor.roles.includes('hr_admin')) throw new ForbiddenException('Only HR admins accept or comment on indicators');
    const accept = dto.accept ?? true;
    const comment = dto.comment?.trim() || null;
    if (!accept && !comment) throw badRequest('comment', 'a comment is needed when not accepting');
    await this.dataSource.transaction(async (m) => {
      if (!(await this.indicators.decide(m, engagementId, actor.userId, accept ? 'accepted' : 'commented', comment))) {
        throw new ConflictException('The partner has not proposed indicators for this engagement yet');
      }
      await this.auditTrail.append(m, {
        organizationId: engagement.organizationId,
        actorId: actor.userId,
        action: accept ? 'indicators.accepted' : 'indicators.commented',
        targetType: 'engagement',
        targetId: engagementId,
        details: { comment },
      });
    });
    return this.agreed(engagement.organizationId, engagementId, lang);
  }

  private async readable(actor: Actor, engagementId: string) {
    const engagement = await this.indicators.engagement(engagementId);
    const own = engagement && actor.organizationId === engagement.organizationId;
    const partner = engagement && actor.partnerId === engagement.partnerId;
    if (!engagement || !(own || partner)) throw new NotFoundException('Engagement not found');
    await this.access.requireAccess(
      actor,
      { organizationId: engagement.organizationId, members: 'hr_admin', scope: 'aggregate', target: { type: 'engagement', id: engagementId, details: { read: 'indicators' } } },
      'Engagement not found',
    );
    return engagement;
  }
}

/** `[{ indicator, target }]`, bare or as `{ indicators: [...] }`. */
function proposalItems(body: unknown): { indicator: string; target: number }[] {
  const list = Array.isArray(body) ? body : (body as { indicators?: unknown } | null)?.indicators;
  if (!Array.isArray(list) || list.length === 0) throw badRequest('indicators', 'indicators must be a non-empty list of { indicator, target }');
  if (list.length > CATALOGUE.length) throw badRequest('indicators', `at most ${CATALOGUE.length} indicators`);
  return list.map((item: unknown, i) => {
    if (!item || typeof item !== 'object') throw badRequest(`indicators.${i}`, 'each indicator must be { indicator, target }');
    const { indicator, target } = item as { indicator?: unknown; target?: unknown };
    if (typeof indicator !== 'string') throw badRequest(`indicators.${i}.indicator`, 'indicator must be a catalogue key');
    if (typeof target !== 'number') throw badRequest(`indicators.${i}.target`, 'target must be a number');
    return { indicator, target };
  });
}

/**
 * The organisation's knowledge gain as a fraction: the mean gain (quiz minus pre-test, in points) of
 * each module's published whole-organisation row, weighted by its people; modules hidden under k
 * count for nothing; null when none is published.
 */
function organisationGain(rows: KnowledgeGainRow[]): number | null {
  const shown = rows.filter((r) => r.groupKind === 'organization' && !r.suppressed && r.gain !== null && (r.people ?? 0) > 0);
  const people = shown.reduce((sum, r) => sum + r.people!, 0);
  return people ? shown.reduce((sum, r) => sum + r.gain! * r.people!, 0) / people / 100 : null;
}

function trend(snapshots: SnapshotRow[], indicator: string): IndicatorPoint[] {
  return snapshots.map((s) => ({ period: s.period, value: s.values[indicator] ?? null, source: 'report' as const, reportId: s.reportId }));
}
