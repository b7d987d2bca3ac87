/** The agreed indicators as GET /api/organizations/:orgId/indicators and /api/engagements/:id/indicators give them. */
export type IndicatorUnit = 'share' | 'count' | 'days' | 'points';

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

export interface IndicatorsOverview {
  engagementId: string | null;
  indicators: EngagementIndicator[];
  values: Record<string, { value: number | null; available: boolean; note: string | null; suppressed: boolean }>;
}

export interface CatalogueEntry {
  indicator: string;
  name: string;
  unit: IndicatorUnit;
  higherIsBetter: boolean;
  source: string;
  range: [number, number];
}

/** A value as people read it (shares as %, points signed), in the page's language. */
export function formatIndicator(unit: IndicatorUnit, value: number | null, lang: string): string {
  if (value === null) return '–';
  const locale = lang === 'id' ? 'id-ID' : 'en-GB';
  switch (unit) {
    case 'share':
      return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
    case 'points':
      return new Intl.NumberFormat(locale, { signDisplay: 'always', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value * 100);
    case 'days':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
    default:
      return new Intl.NumberFormat(locale).format(Math.round(value));
  }
}

/** Whether the latest value meets the target; null when there is no value. */
export function targetMet(i: EngagementIndicator): boolean | null {
  const now = i.values.at(-1)?.value ?? null;
  if (now === null) return null;
  return i.higherIsBetter ? now >= i.target : now <= i.target;
}

/** How a value stands against its agreed target (GET /api/partners/me/indicators). */
export type TargetStatus = 'met' | 'not_met' | 'no_value' | 'no_target';

export interface SideBySideCell {
  indicator: string;
  target: number | null;
  value: number | null;
  available: boolean;
  /** Hidden by the server because it is about fewer than k people. */
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
  agreement: EngagementIndicator['status'] | null;
  asOf: string;
  indicators: SideBySideCell[];
}

/** A page of the partner's organisations, each with every catalogue indicator. */
export interface SideBySide {
  catalogue: { indicator: string; name: string; unit: IndicatorUnit; higherIsBetter: boolean }[];
  items: SideBySideOrganization[];
  total: number;
  page: number;
  pageSize: number;
}
