import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { MIN_GROUP_SIZE, suppressPartition } from '../reporting/suppression';
import { categoryLabel } from './category-labels';
import { CATEGORIES, STATUSES } from './report-channel.dto';
import { ReportChannelRepository } from './report-channel.repository';

export interface CaseCountRow {
  /** e.g. "2026-Q4", the quarter of the report's day of creation. */
  quarter: string;
  group: string;
  count: number | null;
  suppressed: boolean;
}

export interface MedianRow {
  /** The quarter in which the cases closed. */
  quarter: string;
  closed: number | null;
  medianDaysToClose: number | null;
  suppressed: boolean;
}

export interface CaseStatistics {
  minGroupSize: number;
  groupBy: 'category' | 'status';
  rows: CaseCountRow[];
  medianDaysToClose: MedianRow[];
}

/**
 * Counts of the channel per quarter and category or status, and the median days to close: the only
 * figures that leave the channel. Aggregated in SQL; each quarter's groups are a partition of its
 * reports, hidden with the same small-cell and complementary suppression as every other figure
 * (reporting/suppression.ts); a median over fewer than k closed cases is hidden too.
 */
@Injectable()
export class CaseStatisticsService {
  constructor(
    private readonly repository: ReportChannelRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get k(): number {
    return Math.max(MIN_GROUP_SIZE, this.config.reportMinGroupSize);
  }

  async statistics(organizationId: string, groupBy: 'category' | 'status'): Promise<CaseStatistics> {
    const [counts, medians] = await Promise.all([
      this.repository.countsByQuarter(organizationId, groupBy),
      this.repository.closingByQuarter(organizationId),
    ]);
    const groups: readonly string[] = groupBy === 'category' ? CATEGORIES : STATUSES;
    const rows: CaseCountRow[] = [];
    for (const quarter of [...new Set(counts.map((c) => c.quarter))]) {
      // Every group of the quarter, empty ones as 0 (never chosen as a complementary cell).
      const cells = groups.map((g) => ({ id: g, size: counts.find((c) => c.quarter === quarter && c.grp === g)?.n ?? 0 }));
      const total = cells.reduce((sum, c) => sum + c.size, 0);
      const { hidden } = suppressPartition(cells, total, this.k);
      for (const cell of cells) {
        const suppressed = hidden.has(cell.id);
        rows.push({ quarter, group: cell.id, count: suppressed ? null : cell.size, suppressed });
      }
    }
    return {
      minGroupSize: this.k,
      groupBy,
      rows,
      medianDaysToClose: medians.map((m) => {
        const suppressed = m.closed < this.k;
        return { quarter: m.quarter, closed: suppressed ? null : m.closed, medianDaysToClose: suppressed ? null : m.median, suppressed };
      }),
    };
  }

  /**
   * The audit report's section (template audit-cases.hbs): the same figures as the route, one row
   * per quarter with a column per category, hidden cells as "hidden".
   */
  async reportSection(organizationId: string, lang: 'id' | 'en') {
    const stats = await this.statistics(organizationId, 'category');
    const t = SECTION_TEXT[lang];
    const hidden = (suppressed: boolean, value: number | null) => (suppressed || value === null ? t.hidden : String(value));
    const quarters = [...new Set([...stats.rows.map((r) => r.quarter), ...stats.medianDaysToClose.map((m) => m.quarter)])].sort();
    return {
      t,
      categories: CATEGORIES.map((c) => categoryLabel(lang, c)),
      quarters: quarters.map((quarter) => {
        const median = stats.medianDaysToClose.find((m) => m.quarter === quarter);
        return {
          quarter,
          cells: CATEGORIES.map((c) => {
            const row = stats.rows.find((r) => r.quarter === quarter && r.group === c);
            return { suppressed: row?.suppressed ?? false, text: row ? hidden(row.suppressed, row.count) : '0' };
          }),
          closed: median ? hidden(median.suppressed, median.closed) : '0',
          median: median ? hidden(median.suppressed, median.medianDaysToClose) : '–',
        };
      }),
    };
  }
}

const SECTION_TEXT = {
  id: {
    heading: 'Kanal pelaporan rahasia',
    intro:
      'Jumlah laporan melalui kanal independen per triwulan (tanggal laporan dibuat) dan kategori, serta median hari hingga ditutup per triwulan penutupan. ' +
      'Isi laporan tidak pernah keluar dari kanal; kelompok kecil disembunyikan dengan aturan yang sama seperti angka lain dalam laporan ini.',
    quarter: 'Triwulan',
    closed: 'Ditutup',
    median: 'Median hari hingga ditutup',
    hidden: 'disembunyikan',
    none: 'Belum ada laporan melalui kanal ini.',
  },
  en: {
    heading: 'Confidential reporting channel',
    intro:
      "Reports through the independent channel per quarter (of the day they were made) and category, and the median days to close per quarter of closing. " +
      'No content ever leaves the channel; small groups are hidden by the same rule as every other figure in this report.',
    quarter: 'Quarter',
    closed: 'Closed',
    median: 'Median days to close',
    hidden: 'hidden',
    none: 'No reports through this channel yet.',
  },
} as const;
