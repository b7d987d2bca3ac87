/**
 * An assignment's status, computed in SQL from its dates and the organisation's "today" (its own
 * time zone), so lists, dashboards and reports agree. Needs `a` = assignments and `today` (a date).
 */
export const ASSIGNMENT_STATUS_SQL = `
  CASE
    WHEN a.completed_at IS NOT NULL AND a.expires_on <= today THEN 'expired'
    WHEN a.completed_at IS NOT NULL THEN 'completed'
    WHEN a.due_on < today THEN 'overdue'
    WHEN a.started_at IS NOT NULL THEN 'in_progress'
    ELSE 'not_started'
  END`;

/** "Today" in the organisation's time zone (organizations' `org_today`); needs `o` = organizations. */
export const ORG_TODAY_SQL = `org_today(o.id)`;
