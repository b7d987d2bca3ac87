import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Sums of one group of people for one module: the service turns them into means after suppression. */
export interface GainSumsRow {
  kind: 'organization' | 'role' | 'unit';
  module: string;
  /** 'all', 'leaders' / 'staff', or a unit id. */
  key: string;
  parentId: string | null;
  name: string | null;
  people: number;
  beforeSum: number;
  afterSum: number;
}

/**
 * Knowledge gain, in one statement: for each person and module, their latest pre-test that was
 * followed by a quiz attempt on the same assignment, with the best score of that assignment's
 * attempts. Only active people count (as everywhere in the reports). Summed per module for the
 * organisation, for leaders and staff, and for every unit with its whole subtree (units without
 * anyone are listed too: the suppression's equations need the whole tree).
 */
const SQL = `
WITH pairs AS (
  SELECT DISTINCT ON (pt.user_id, pt.module_slug)
         pt.user_id, pt.module_slug, pt.score AS before,
         (SELECT max(q.score) FROM quiz_attempts q WHERE q.assignment_id = pt.assignment_id) AS after
    FROM pretest_attempts pt
   WHERE pt.organization_id = $1
     AND EXISTS (SELECT 1 FROM quiz_attempts q WHERE q.assignment_id = pt.assignment_id)
   ORDER BY pt.user_id, pt.module_slug, pt.created_at DESC
),
people AS (
  SELECT pr.module_slug, pr.before, pr.after, rp.is_leader, rp.unit_id
    FROM pairs pr JOIN report_people rp ON rp.user_id = pr.user_id AND rp.active
),
per_unit AS (
  SELECT module_slug, unit_id, count(*)::int AS people, sum(before)::int AS before_sum, sum(after)::int AS after_sum
    FROM people GROUP BY 1, 2
),
rolled AS (
  SELECT pu.module_slug, anc AS unit_id, sum(pu.people)::int AS people, sum(pu.before_sum)::int AS before_sum, sum(pu.after_sum)::int AS after_sum
    FROM per_unit pu JOIN units u ON u.id = pu.unit_id CROSS JOIN unnest(u.path) AS anc
   GROUP BY 1, 2
),
modules_with_pairs AS (SELECT DISTINCT module_slug FROM people)
SELECT 'organization' AS kind, module_slug AS module, 'all' AS key, NULL::uuid AS "parentId", NULL AS name,
       count(*)::int AS people, sum(before)::int AS "beforeSum", sum(after)::int AS "afterSum"
  FROM people GROUP BY module_slug
UNION ALL
SELECT 'role', module_slug, CASE WHEN is_leader THEN 'leaders' ELSE 'staff' END, NULL, NULL, count(*)::int, sum(before)::int, sum(after)::int
  FROM people GROUP BY 2, 3
UNION ALL
SELECT 'unit', m.module_slug, un.id::text, un.parent_id, un.name, COALESCE(r.people, 0), COALESCE(r.before_sum, 0), COALESCE(r.after_sum, 0)
  FROM modules_with_pairs m
 CROSS JOIN units un
  LEFT JOIN rolled r ON r.module_slug = m.module_slug AND r.unit_id = un.id
 WHERE un.organization_id = $1 AND un.archived_at IS NULL`;

@Injectable()
export class KnowledgeGainRepository {
  constructor(private readonly dataSource: DataSource) {}

  sums(organizationId: string): Promise<GainSumsRow[]> {
    return this.dataSource.query(SQL, [organizationId]);
  }

  modules(): Promise<{ slug: string; title: { id: string; en: string } }[]> {
    return this.dataSource.query(`SELECT slug, title FROM modules WHERE active ORDER BY position, slug`);
  }
}
