/**
 * An assignment's status, computed in SQL from its dates and the organisation's "today" (its own
 * time zone), so lists, dashboards and reports agree: the `assignment_status` function (migration
 * 1765310000000), which other domains call in their SQL. Needs `a` = assignments and `today` (a date).
 */
export const ASSIGNMENT_STATUS_SQL = `assignment_status(a.completed_at, a.expires_on, a.due_on, a.started_at, today)`;

/** "Today" in the organisation's time zone (organizations' `org_today`); needs `o` = organizations. */
export const ORG_TODAY_SQL = `org_today(o.id)`;
