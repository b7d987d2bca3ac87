/** What an organisation's completion figures can be broken down by. */
export const GROUP_BYS = ['unit', 'role', 'gender', 'employmentType'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/**
 * One group's numbers, counted in people: `assigned` have at least one current assignment,
 * `completed` completed all of them, `overdue` have at least one overdue. A group of fewer than 5
 * people (or one that would give such a group away) is `suppressed`: its numbers are null so that
 * nobody can be singled out. The rates are null for a group with nothing assigned.
 */
export interface CompletionFigures {
  assigned: number | null;
  completed: number | null;
  overdue: number | null;
  /** People who completed all their modules ÷ people assigned any, 0–1. */
  completionRate: number | null;
  /** Completed current assignments ÷ current assignments, 0–1: the headline figure. */
  moduleCompletionRate: number | null;
  suppressed: boolean;
}

/**
 * One row of `GET /api/reports/completion` (HR) and `GET /api/organizations/:orgId/reports/completion`
 * (auditors): the same rows on both routes.
 */
export interface CompletionRow extends CompletionFigures {
  group: string;
  /** The unit's id (groupBy=unit) or the module's slug (groupBy=module). */
  groupId?: string | null;
  parentId?: string | null;
}

export const REPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_LANGUAGES = ['id', 'en'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

/** One report of `GET /api/organizations/:orgId/audit-reports`. */
export interface AuditReport {
  id: string;
  periodStart: string;
  periodEnd: string;
  lang: ReportLanguage;
  status: ReportStatus;
  sha256: string | null;
  signature: string | null;
  keyId: string | null;
  headSeq: number | null;
  headHash: string | null;
  pages: number | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  downloads: number;
}

export function isInProgress(report: AuditReport): boolean {
  return report.status === 'queued' || report.status === 'running';
}

export interface NewReport {
  periodStart: string;
  periodEnd: string;
  lang: ReportLanguage;
}

/** `GET /api/audit-reports/:id/verify`: the archived PDF checked again on the server. */
export interface ReportCheck {
  sha256: string;
  /** Base64 Ed25519 signature over the PDF's bytes. */
  signature: string;
  keyId: string;
  signatureValid: boolean;
  headSeq: number;
  headHash: string | null;
}

/** One key of `GET /api/keys/audit-reports`. */
export interface SigningKey {
  keyId: string;
  algorithm: string;
  publicKeyPem: string;
  retired: boolean;
}

/** One download of `GET /api/organizations/:orgId/audit-reports/:id/downloads`. */
export interface ReportDownload {
  at: string;
  userName: string;
  role: string;
}

/** `GET /api/organizations/:orgId/audit-log/verify`. */
export interface TrailCheck {
  valid: boolean;
  entries: number;
  headHash: string | null;
  headSeq: number;
  firstBrokenAt: number | null;
  /** Written but not chained yet; the server chains them within about a second. */
  pending: number;
}

/** One entry of `GET /api/organizations/:orgId/audit-log/entries`. */
export interface TrailEntry {
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: unknown;
  prevHash: string;
  hash: string;
}

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** API.md: open → responded → closure_proposed → closed, or back to open when an auditor reopens it. */
export const FINDING_STATUSES = [
  'open',
  'responded',
  'closure_proposed',
  'closed',
] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** One finding of `GET /api/organizations/:orgId/findings`. */
export interface Finding {
  id: string;
  reportId: string;
  severity: Severity;
  text: string;
  dueOn: string;
  correctiveAction: string | null;
  respondedAt: string | null;
  closureProposedAt: string | null;
  closedAt: string | null;
  reopenedAt: string | null;
  createdAt: string;
  status: FindingStatus;
  /** Closed by its due date in the organisation's calendar; null while not closed. */
  closedOnTime: boolean | null;
}

export interface NewFinding {
  severity: Severity;
  text: string;
  dueOn: string;
}

/** Today in the browser's time zone, as a calendar date (`2026-03-31`). */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Not closed and past its due date. */
export function isOverdue(finding: Finding, on = today()): boolean {
  return finding.status !== 'closed' && finding.dueOn < on;
}

/** One row of `GET /api/organizations/:orgId/certificates` (a `named` engagement). */
export interface OrganizationCertificate {
  serial: string;
  holder: string;
  unitId: string | null;
  unitName: string | null;
  moduleSlug: string;
  module: string;
  moduleVersion: string;
  issuedAt: string;
  expiresOn: string;
  score: number | null;
  revokedAt: string | null;
  expired: boolean;
  pdfUrl: string;
  verifyUrl: string;
}
