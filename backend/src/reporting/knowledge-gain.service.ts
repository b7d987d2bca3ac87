import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { type GainSumsRow, KnowledgeGainRepository } from './knowledge-gain.repository';
import { MIN_GROUP_SIZE, suppressPartition, suppressUnitTree } from './suppression';

type Lang = 'id' | 'en';

/** One published row of the knowledge-gain figures: means of the same people before and after. */
export interface KnowledgeGainRow {
  module: string;
  moduleTitle: string;
  groupKind: 'organization' | 'role' | 'unit';
  /** 'all', 'leaders' or 'staff', or the unit's name. */
  group: string;
  groupId: string | null;
  parentId: string | null;
  /** People who took the pre-test and then the quiz (null when hidden). */
  people: number | null;
  /** Mean pre-test score, 0–100 with one decimal. */
  before: number | null;
  /** Mean of the same people's best quiz score on that assignment. */
  after: number | null;
  /** after − before, in points. */
  gain: number | null;
  suppressed: boolean;
}

export interface KnowledgeGainQuery {
  groupBy?: 'role' | 'unit';
  module?: string;
}

const mean = (sum: number, people: number) => Math.round((10 * sum) / people) / 10;

/**
 * Evidence that the training teaches: per module and group, the mean pre-test score and the mean
 * quiz score of the same people. Sums are additive like counts, so a hidden group's mean could be
 * recomputed from the total and its siblings: groups go through the same suppression as the
 * completion figures (a partition for leaders and staff, the unit tree for units; groups of fewer
 * than k people hidden together with what would give them away). HR's dashboard, the audit report
 * and any other indicator read these figures from here (`figures`), never from their own query.
 */
@Injectable()
export class KnowledgeGainService {
  constructor(
    private readonly repository: KnowledgeGainRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get k(): number {
    return Math.max(MIN_GROUP_SIZE, this.config.reportMinGroupSize);
  }

  /** The smallest group published (k). */
  get minGroupSize(): number {
    return this.k;
  }

  async figures(organizationId: string, query: KnowledgeGainQuery, lang: Lang): Promise<KnowledgeGainRow[]> {
    const groupBy = query.groupBy ?? 'role';
    const [sums, modules] = await Promise.all([this.repository.sums(organizationId), this.repository.modules()]);
    if (query.module !== undefined && !modules.some((m) => m.slug === query.module)) {
      const message = `module must be the slug of an active module: ${modules.map((m) => m.slug).join(', ')}`;
      throw new BadRequestException({ statusCode: 400, message, fields: [{ field: 'module', message }] });
    }
    const rows: KnowledgeGainRow[] = [];
    for (const mod of modules) {
      if (query.module !== undefined && mod.slug !== query.module) continue;
      const of = sums.filter((s) => s.module === mod.slug);
      const total = of.find((s) => s.kind === 'organization');
      if (!total) continue;
      const title = mod.title[lang] ?? mod.title.id;
      const row = (s: GainSumsRow, group: string, hide: boolean): KnowledgeGainRow => ({
        module: mod.slug,
        moduleTitle: title,
        groupKind: s.kind,
        group,
        groupId: s.kind === 'unit' ? s.key : null,
        parentId: s.parentId,
        ...(hide || s.people === 0
          ? { people: hide ? null : 0, before: null, after: null, gain: null, suppressed: hide }
          : (() => {
              const gain = mean(s.afterSum - s.beforeSum, s.people);
              return { people: s.people, before: mean(s.beforeSum, s.people), after: mean(s.afterSum, s.people), gain, suppressed: false };
            })()),
      });
      if (groupBy === 'role') {
        const groups = ['leaders', 'staff'].map((key) => of.find((s) => s.kind === 'role' && s.key === key) ?? emptyRole(mod.slug, key));
        const { hidden, totalHidden } = suppressPartition(groups.map((g) => ({ id: g.key, size: g.people })), total.people, this.k);
        rows.push(row(total, 'all', totalHidden));
        for (const g of groups) rows.push(row(g, g.key, hidden.has(g.key)));
      } else {
        const units = of.filter((s) => s.kind === 'unit');
        const hidden = suppressUnitTree(units.map((u) => ({ id: u.key, parentId: u.parentId, size: u.people })), total.people, this.k);
        rows.push(row(total, 'all', total.people < this.k));
        for (const u of orderTree(units)) if (u.people > 0) rows.push(row(u, u.name ?? '', hidden.has(u.key)));
      }
    }
    return rows;
  }
}

const emptyRole = (module: string, key: string): GainSumsRow => ({ kind: 'role', module, key, parentId: null, name: null, people: 0, beforeSum: 0, afterSum: 0 });

/** Parents before children, siblings by name (as the completion report lists units). */
function orderTree(units: GainSumsRow[]): GainSumsRow[] {
  const present = new Set(units.map((u) => u.key));
  const children = new Map<string | null, GainSumsRow[]>();
  for (const u of units) {
    const parent = u.parentId && present.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const ordered: GainSumsRow[] = [];
  const visit = (parent: string | null) => {
    for (const u of (children.get(parent) ?? []).sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'id') || (a.key < b.key ? -1 : 1))) {
      ordered.push(u);
      visit(u.key);
    }
  };
  visit(null);
  return ordered;
}
