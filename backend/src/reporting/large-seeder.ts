import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import { hashPassword } from '../identity/crypto';

export const LARGE_ORG_CODE = 'large';
export const LARGE_HR_EMAIL = 'hr@large.test';
export const LARGE_PASSWORD = 'demo-pass-2026';
export const LARGE_PEOPLE = 100_000;

const PROVINCES = [
  'Aceh', 'Sumatera Utara', 'Sumatera Barat', 'Riau', 'Jambi', 'Sumatera Selatan', 'Bengkulu', 'Lampung',
  'Kepulauan Bangka Belitung', 'Kepulauan Riau', 'DKI Jakarta', 'Jawa Barat', 'Jawa Tengah', 'DI Yogyakarta',
  'Jawa Timur', 'Banten', 'Bali', 'Nusa Tenggara Barat', 'Nusa Tenggara Timur', 'Kalimantan Barat',
  'Kalimantan Tengah', 'Kalimantan Selatan', 'Kalimantan Timur', 'Kalimantan Utara', 'Sulawesi Utara',
  'Sulawesi Tengah', 'Sulawesi Selatan', 'Sulawesi Tenggara', 'Gorontalo', 'Sulawesi Barat', 'Maluku',
  'Maluku Utara', 'Papua Barat', 'Papua',
];
const FIRST = ['Siti', 'Dewi', 'Rina', 'Ayu', 'Fitri', 'Wulan', 'Nur', 'Indah', 'Budi', 'Agus', 'Dedi', 'Eko', 'Hendra', 'Rizky', 'Yusuf', 'Andi', 'Fajar', 'Bayu', 'Putri', 'Lestari'];
const FAMILY = ['Wijaya', 'Santoso', 'Lubis', 'Siregar', 'Pratama', 'Hidayat', 'Nasution', 'Saputra', 'Kurniawan', 'Rahayu', 'Setiawan', 'Halim', 'Tanjung', 'Manurung', 'Daulay', 'Sitompul'];

/**
 * A deterministic pseudo-random number 0..999 from integers, in SQL: the same people and states
 * every time, without random() (whose order of evaluation depends on the plan).
 */
const h = (...terms: string[]) =>
  `((hashint8(${terms.slice(1).reduce((acc, t) => `(${acc} * 1000003 + (${t}))`, `(${terms[0]})::bigint`)}) & 2147483647) % 1000)`;

/**
 * The `large` organisation for benchmarks: 100,000 people in 34 provinces → ~510 regencies → ~2,000
 * offices (some people sit directly in a province or regency office), ~8% leaders, mixed genders and
 * employment types, about 1% deactivated, every active module assigned in every state (completed,
 * expired, in progress, overdue, not started, some exempted, some with an older completed cycle), and
 * a completion record for each completed assignment. Everything is made by generate_series in SQL,
 * in one transaction. Idempotent: an existing `large` organisation is left as it is.
 */
@Injectable()
export class LargeSeeder {
  private readonly logger = new Logger('LargeSeed');

  constructor(
    private readonly dataSource: DataSource,
    private readonly auditTrail: AuditTrailService,
  ) {}

  async seed(): Promise<{ created: boolean; ms: number }> {
    const started = Date.now();
    const passwordHash = await hashPassword(LARGE_PASSWORD);
    const created = await this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('aman.large-seed'))`);
      const [existing] = await m.query(`SELECT id FROM organizations WHERE code = $1`, [LARGE_ORG_CODE]);
      if (existing) return false;
      const [org] = await m.query(
        `INSERT INTO organizations (name, code, time_zone) VALUES ('Kementerian Pelayanan Nusantara (benchmark)', $1, 'Asia/Jakarta') RETURNING id`,
        [LARGE_ORG_CODE],
      );
      const orgId: string = org.id;
      const step = (label: string, t0: number) => this.logger.log(`${label} in ${Date.now() - t0} ms`);

      let t0 = Date.now();
      await m.query(
        `INSERT INTO units (id, organization_id, code, name, path)
         SELECT id, $1, 'P' || lpad(n::text, 2, '0'), 'Kantor Wilayah ' || name, ARRAY[id]
           FROM (SELECT gen_random_uuid() AS id, n, name FROM unnest($2::text[]) WITH ORDINALITY AS p(name, n)) p`,
        [orgId, PROVINCES],
      );
      // 10–20 regencies per province (~510), then 2–6 offices per regency (~2,000).
      await m.query(
        `INSERT INTO units (id, organization_id, parent_id, code, name, path)
         SELECT r.id, $1, p.id, p.code || '-R' || lpad(r.n::text, 2, '0'), 'Kantor Kabupaten/Kota ' || p.code || '-' || r.n, p.path || r.id
           FROM units p
           CROSS JOIN LATERAL (SELECT gen_random_uuid() AS id, n FROM generate_series(1, 10 + (substr(p.code, 2)::int * 7) % 11) n) r
          WHERE p.organization_id = $1 AND p.parent_id IS NULL`,
        [orgId],
      );
      await m.query(
        `INSERT INTO units (id, organization_id, parent_id, code, name, path)
         SELECT o.id, $1, r.id, r.code || '-O' || o.n, 'Kantor Layanan ' || r.code || '-' || o.n, r.path || o.id
           FROM units r
           CROSS JOIN LATERAL (SELECT gen_random_uuid() AS id, n FROM generate_series(1, 2 + ${h('hashtext(r.code)')} % 5) n) o
          WHERE r.organization_id = $1 AND cardinality(r.path) = 2`,
        [orgId],
      );
      step('units', t0);

      // Every row below is consistent by construction (its ids come from the rows just made), so a
      // superuser (the embedded database) skips the four million per-row foreign-key checks, as
      // pg_restore --disable-triggers does, and recomputes the reporting state once at the end.
      const [{ superuser }] = await m.query(`SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`);
      if (superuser) await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(`SET LOCAL work_mem = '256MB'`);

      t0 = Date.now();
      // 3% sit in a province office, 7% in a regency office, the rest in a local office; a hundred
      // outposts have only about 3 people each, so that reports have small groups to hide.
      await m.query(
        `WITH levels AS (
           SELECT array_agg(id ORDER BY code) FILTER (WHERE cardinality(path) = 1) AS l1,
                  array_agg(id ORDER BY code) FILTER (WHERE cardinality(path) = 2) AS l2,
                  array_agg(id ORDER BY code) FILTER (WHERE cardinality(path) = 3) AS l3
             FROM units WHERE organization_id = $1
         ), p AS (
           SELECT g, ${h('g', '1')} AS r1, ${h('g', '2')} AS r2, ${h('g', '3')} AS r3, ${h('g', '4')} AS r4, ${h('g', '5')} AS r5,
                  (hashint8(g::bigint * 7) & 2147483647) AS big
             FROM generate_series(1, ${LARGE_PEOPLE}) g
         )
         INSERT INTO users (organization_id, email, name, employee_number, unit_id, is_leader, leader_since, gender,
                            employment_type, hire_date, status, deactivated_at)
         SELECT $1, 'p' || p.g || '@large.test',
                ($2::text[])[1 + p.big % ${FIRST.length}] || ' ' || ($3::text[])[1 + (p.big / 100) % ${FAMILY.length}],
                'L' || lpad(p.g::text, 6, '0'),
                CASE WHEN p.r1 < 30 THEN l1[1 + p.big % cardinality(l1)]
                     WHEN p.r1 < 100 THEN l2[1 + p.big % cardinality(l2)]
                     WHEN p.r1 < 103 THEN l3[cardinality(l3) - 99 + p.big % 100]
                     ELSE l3[1 + p.big % (cardinality(l3) - 100)] END,
                p.r2 < 80, CASE WHEN p.r2 < 80 THEN current_date - (p.big % 2000)::int END,
                CASE WHEN p.r3 < 470 THEN 'female' WHEN p.r3 < 940 THEN 'male' ELSE 'not_stated' END,
                CASE WHEN p.r4 < 680 THEN 'permanent' WHEN p.r4 < 880 THEN 'contract' WHEN p.r4 < 950 THEN 'intern' ELSE 'volunteer' END,
                current_date - 30 - (p.big % 7000)::int,
                CASE WHEN p.r5 < 10 THEN 'deactivated' ELSE 'active' END,
                CASE WHEN p.r5 < 10 THEN now() - interval '20 days' END
           FROM p, levels`,
        [orgId, FIRST, FAMILY],
      );
      const [hr] = await m.query(
        `INSERT INTO users (organization_id, email, name, employee_number, unit_id, gender, roles, password_hash, hire_date)
         SELECT $1, $2, 'Ratna Kusumawati', 'L-HR-0001', id, 'female', '{employee,hr_admin}', $3, '2015-03-02'
           FROM units WHERE organization_id = $1 AND code = 'P11' RETURNING id`,
        [orgId, LARGE_HR_EMAIL, passwordHash],
      );
      step(`${LARGE_PEOPLE} people`, t0);

      t0 = Date.now();
      // A person's diligence makes whole-programme completion realistic: about a third finish everything.
      // One person in five also has an older, completed and since expired cycle of each module for
      // everyone behind the current one (so "current" must be picked). Completions are recorded in
      // the same statement (without the superuser shortcut, the reporting triggers then recompute
      // the 100,000 people once).
      const today = `(now() AT TIME ZONE 'Asia/Jakarta')::date`;
      await m.query(
        `WITH x AS (
           SELECT u.id AS user_id, g.g, mo.slug, mo.version, mo.audience, mo.recertification_months AS months,
                  ${h('g.g', '11')} AS diligence, ${h('g.g', 'mo.position', '13')} AS r, ${h('g.g', 'mo.position', '17')} AS d
             FROM users u
             CROSS JOIN LATERAL (SELECT substr(u.employee_number, 2)::int AS g) g
             JOIN modules mo ON mo.active AND (mo.audience = 'everyone' OR (mo.audience IN ('leaders', 'staff') AND (mo.audience = 'leaders') = u.is_leader))
            WHERE u.organization_id = $1 AND u.employee_number ~ '^L[0-9]+$'
         ), s AS (
           SELECT x.*, CASE
                    WHEN diligence < 300 THEN CASE WHEN r < 120 THEN 'expired' ELSE 'completed' END
                    WHEN r < 350 THEN 'completed'
                    WHEN r < 400 THEN 'expired'
                    WHEN r < 600 THEN 'in_progress'
                    WHEN r < 750 THEN 'overdue'
                    ELSE 'not_started' END AS state
             FROM x
         ), t AS (
           SELECT s.*, CASE state
                    WHEN 'completed' THEN now() - make_interval(days => (d % 330)::int, hours => (r % 20)::int)
                    WHEN 'expired' THEN now() - make_interval(months => months, days => 1 + (d % 200)::int)
                  END AS done_at
             FROM s
         ), new_rows AS (
           SELECT user_id, slug,
                  COALESCE(done_at - interval '25 days', now() - make_interval(days => 20 + (d % 200)::int)) AS assigned_at,
                  CASE WHEN done_at IS NOT NULL THEN (done_at AT TIME ZONE 'Asia/Jakarta')::date + (d % 20)::int
                       WHEN state = 'overdue' THEN ${today} - 1 - (d % 90)::int
                       ELSE ${today} + 1 + (d % 90)::int END AS due_on,
                  CASE WHEN done_at IS NOT NULL THEN done_at - interval '40 minutes'
                       WHEN state = 'in_progress' OR (state = 'overdue' AND r % 2 = 0) THEN now() - make_interval(days => (d % 15)::int) END AS started_at,
                  done_at AS completed_at, CASE WHEN done_at IS NOT NULL THEN version END AS module_version,
                  CASE WHEN done_at IS NOT NULL THEN ((done_at AT TIME ZONE 'Asia/Jakarta')::date + make_interval(months => months))::date END AS expires_on
             FROM t
           UNION ALL
           SELECT user_id, slug, now() - interval '900 days', (now() - interval '870 days')::date, now() - interval '880 days',
                  now() - interval '879 days' + make_interval(hours => (d % 48)::int), version,
                  ((now() - interval '879 days')::date + make_interval(months => months))::date
             FROM t WHERE g % 5 = 0 AND audience = 'everyone'
         ), inserted AS (
           INSERT INTO assignments (organization_id, user_id, module_slug, assigned_at, due_on, started_at, completed_at, module_version, expires_on)
           SELECT $1, user_id, slug, assigned_at, due_on, started_at, completed_at, module_version, expires_on FROM new_rows
           RETURNING id, user_id, module_slug, module_version, completed_at
         )
         INSERT INTO completions (organization_id, assignment_id, user_id, module_slug, module_version, score, time_spent_seconds, completed_at)
         SELECT $1, id, user_id, module_slug, module_version, 80 + (${h('hashtext(id::text)')} % 3) * 10, 600 + ${h('hashtext(id::text)', '3')}, completed_at
           FROM inserted WHERE completed_at IS NOT NULL`,
        [orgId],
      );
      // About one person in a hundred is exempted from the third module.
      await m.query(
        `UPDATE assignments a SET exempted_at = now() - interval '5 days', exempt_reason = 'long-term leave'
           FROM users u, modules mo
          WHERE a.organization_id = $1 AND u.id = a.user_id AND mo.slug = a.module_slug AND a.completed_at IS NULL
            AND mo.position = (SELECT min(position) + 2 FROM modules WHERE active)
            AND u.employee_number ~ '^L[0-9]+$' AND substr(u.employee_number, 2)::int % 97 = 0`,
        [orgId],
      );
      step('assignments and completions', t0);
      if (superuser) {
        t0 = Date.now();
        await m.query(`SET LOCAL session_replication_role = origin`);
        await m.query(`SELECT report_refresh_people(ARRAY(SELECT id FROM users WHERE organization_id = $1))`, [orgId]);
        step('reporting state', t0);
      }

      await this.auditTrail.append(m, {
        organizationId: orgId,
        actorId: null,
        action: 'organization.onboarded',
        targetType: 'organization',
        targetId: orgId,
        details: { code: LARGE_ORG_CODE, benchmark: true, people: LARGE_PEOPLE },
      });
      await this.auditTrail.append(m, {
        organizationId: orgId,
        actorId: null,
        action: 'user.roles_changed',
        targetType: 'user',
        targetId: hr.id,
        details: { from: [], to: ['employee', 'hr_admin'] },
      });
      return true;
    });
    if (created) {
      // Fresh statistics, or the first dashboards are planned for empty tables.
      await this.dataSource.query(`ANALYZE units, users, assignments, completions, report_people, report_person_modules`);
    }
    return { created, ms: Date.now() - started };
  }
}
