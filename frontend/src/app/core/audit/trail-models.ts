/** Who acted, as `GET /api/organizations/:orgId/audit-log/trail` says it: the role today. */
export const ACTOR_KINDS = [
  'system',
  'person',
  'hr_admin',
  'auditor',
  'case_handler',
  'platform_admin',
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** The object types the trail names; the filter offers them, each in words. */
export const TARGET_TYPES = [
  'user',
  'unit',
  'organization',
  'assignment',
  'assignment_rule',
  'completion',
  'quiz_attempt',
  'module',
  'certificate',
  'policy_document',
  'audit_report',
  'finding',
  'engagement',
  'partner',
  'report',
  'route',
  'survey_wave',
  'session',
  'confidential_report',
] as const;

/** Details the viewer names in words (`audit.trailView.detailKeys.*`); any other key is shown as it is. */
export const DETAIL_KEYS = [
  'module',
  'version',
  'score',
  'passed',
  'timeSpentSeconds',
  'from',
  'to',
  'severity',
  'dueOn',
  'periodStart',
  'periodEnd',
  'format',
  'groupBy',
  'rows',
  'kind',
  'scope',
  'code',
  'name',
  'email',
  'changed',
  'reason',
  'created',
  'updated',
  'unchanged',
  'skipped',
  'opened',
  'lang',
  'pages',
  'required',
  'everyMonths',
  'audience',
  'opensOn',
  'closesOn',
  'timeZone',
  'comment',
  'outcome',
] as const;

/** One entry of the readable trail. */
export interface TrailItem {
  seq: number;
  /** ISO instant; shown in the organisation's time zone. */
  at: string;
  actor: { kind: ActorKind; name: string | null };
  action: string;
  targetType: string | null;
  /** `label` is null when unknown or, for an aggregate engagement, when it would point to one person. */
  target: { label: string | null } | null;
  summary: Record<string, string | number | boolean>;
}

/** `GET /api/organizations/:orgId/audit-log/trail`. */
export interface TrailPage {
  items: TrailItem[];
  total: number;
  page: number;
  pageSize: number;
  /** Every action in the organisation's trail, for the filter. */
  actions: string[];
  /** The organisation's time zone: the filter's days are days there, and times are shown in it. */
  timeZone: string;
}

export interface TrailFilter {
  from: string;
  to: string;
  action: string;
  actor: string;
  targetType: string;
}

/** An engagement's period, or none (HR reads its whole trail). */
export interface TrailPeriod {
  start: string;
  end: string;
}
