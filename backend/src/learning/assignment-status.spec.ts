import { DataSource } from 'typeorm';
import { createDataSource } from '../database/data-source';

/** `assignment_status` (migration 1765310000000): the one definition every domain's SQL calls. */
describe('assignment_status', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = createDataSource(process.env['DATABASE_URL']!);
    await ds.initialize();
  });
  afterAll(() => ds.destroy());

  it('gives each status from the dates and the organisation’s today', async () => {
    const rows: { status: string }[] = await ds.query(
      `SELECT assignment_status(completed_at, expires_on, due_on, started_at, '2026-06-10'::date) AS status
         FROM (VALUES
           ('2025-06-01'::timestamptz, '2026-06-10'::date, '2025-07-01'::date, NULL::timestamptz),
           ('2026-01-01', '2027-01-01', '2026-02-01', NULL),
           (NULL, NULL, '2026-06-09', '2026-06-01'),
           (NULL, NULL, '2026-06-10', '2026-06-01'),
           (NULL, NULL, '2026-06-10', NULL)
         ) AS a(completed_at, expires_on, due_on, started_at)`,
    );
    expect(rows.map((r) => r.status)).toEqual(['expired', 'completed', 'overdue', 'in_progress', 'not_started']);
  });

  it('is inlined by the planner, so a query over many rows pays no function call per row', async () => {
    const plan: { 'QUERY PLAN': string }[] = await ds.query(
      `EXPLAIN (VERBOSE, COSTS OFF)
       SELECT assignment_status(a.completed_at, a.expires_on, a.due_on, a.started_at, current_date) FROM assignments a`,
    );
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toContain('CASE WHEN');
    expect(text).not.toContain('assignment_status');
  });
});
