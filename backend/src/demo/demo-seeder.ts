import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import { newSerial } from '../certificates/serial';
import { hashPassword } from '../identity/crypto';
import { DemoReportChannel } from './demo-report-channel';
import { DemoSurveys } from './demo-surveys';
import { DEMO_ORG_CODE, DEMO_PASSWORD, DEMO_POLICIES, DEMO_SETTINGS, DEMO_UNITS, demoPeople } from './demo-data';

/**
 * Puts the demo organisation, its people, a partner with an auditor, a `named` engagement active
 * today and a platform admin into the database. Idempotent: whatever exists is left as it is.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly dataSource: DataSource,
    private readonly auditTrail: AuditTrailService,
    private readonly reportChannel: DemoReportChannel,
    private readonly demoSurveys: DemoSurveys,
  ) {}

  async seed(): Promise<{ created: boolean }> {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    return this.dataSource.transaction(async (m) => {
      // Two instances seeding at once must not both create the organisation.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('aman.demo-seed'))`);
      const adminId = await this.ensureUser(m, { email: 'admin@aman.test', name: 'Admin Platform', roles: ['platform_admin'], passwordHash });
      const [existing] = await m.query(`SELECT id FROM organizations WHERE code = $1`, [DEMO_ORG_CODE]);
      if (existing) return { created: false };

      const [org] = await m.query(
        `INSERT INTO organizations (name, code, time_zone, settings) VALUES ($1, $2, 'Asia/Jakarta', $3) RETURNING id`,
        ['Dinas Sosial Provinsi Nusa Demo', DEMO_ORG_CODE, JSON.stringify(DEMO_SETTINGS)],
      );
      await this.auditTrail.append(m, {
        organizationId: org.id,
        actorId: adminId,
        action: 'organization.onboarded',
        targetType: 'organization',
        targetId: org.id,
        details: { code: DEMO_ORG_CODE, demo: true },
      });
      for (const unit of DEMO_UNITS) {
        await m.query(
          `WITH n AS (SELECT gen_random_uuid() AS id)
           INSERT INTO units (id, organization_id, parent_id, code, name, path)
           SELECT n.id, $1, p.id, $2, $3, COALESCE(p.path, '{}'::uuid[]) || n.id
             FROM n LEFT JOIN units p ON p.organization_id = $1 AND p.code = $4`,
          [org.id, unit.code, unit.name, unit.parent],
        );
      }
      const people = demoPeople();
      await m.query(
        `INSERT INTO users (organization_id, email, name, employee_number, unit_id, is_leader, leader_since, gender,
                            employment_type, hire_date, roles, password_hash)
         SELECT $1, p.email, p.name, p.employee_number, u.id, p.is_leader, CASE WHEN p.is_leader THEN p.hire_date END,
                p.gender, p.employment_type, p.hire_date, string_to_array(p.roles, ','), CASE WHEN p.has_password THEN $2 END
           FROM jsonb_to_recordset($3::jsonb) AS p(email text, name text, employee_number text, unit_code text,
                is_leader boolean, gender text, employment_type text, hire_date date, roles text, has_password boolean)
           JOIN units u ON u.organization_id = $1 AND u.code = p.unit_code`,
        [
          org.id,
          passwordHash,
          JSON.stringify(
            people.map((p) => ({
              email: p.email,
              name: p.name,
              employee_number: p.employeeNumber,
              unit_code: p.unitCode,
              is_leader: p.isLeader,
              gender: p.gender,
              employment_type: p.employmentType,
              hire_date: p.hireDate,
              roles: p.roles.join(','),
              has_password: p.hasPassword,
            })),
          ),
        ],
      );
      const [hr] = await m.query(`SELECT id FROM users WHERE lower(email) = 'hr@demo.test'`);
      await this.auditTrail.append(m, {
        organizationId: org.id,
        actorId: adminId,
        action: 'user.roles_changed',
        targetType: 'user',
        targetId: hr.id,
        details: { from: [], to: ['employee', 'hr_admin'] },
      });

      const [partner] = await m.query(
        `INSERT INTO partners (name) VALUES ('Yayasan Mitra Setara')
         ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      );
      await this.ensureUser(m, { email: 'auditor@mitra.test', name: 'Dian Permata', roles: ['auditor'], passwordHash, partnerId: partner.id });
      const [engagement] = await m.query(
        `INSERT INTO engagements (partner_id, organization_id, period_start, period_end, scope, created_by)
         VALUES ($1, $2, org_today($2) - 90, org_today($2) + 275, 'named', $3)
         RETURNING id`,
        [partner.id, org.id, adminId],
      );
      await this.auditTrail.append(m, {
        organizationId: org.id,
        actorId: adminId,
        action: 'engagement.created',
        targetType: 'engagement',
        targetId: engagement.id,
        details: { partnerId: partner.id, scope: 'named' },
      });
      await this.seedLearning(m, org.id);
      await this.seedCertificates(m, org.id);
      await this.seedPolicies(m, org.id, hr.id);
      await this.reportChannel.seed(m, { organizationId: org.id, partnerId: partner.id, passwordHash, password: DEMO_PASSWORD });
      await this.demoSurveys.seed(m, { organizationId: org.id, engagementId: engagement.id, hrId: hr.id });
      this.logger.log(`seeded the demo organisation with ${people.length} people`);
      return { created: true };
    });
  }

  /**
   * Assignments of every module to its audience, in every state: some people completed, some are
   * overdue, some in progress. staff@demo.test has one of each so a newcomer sees them all at once.
   */
  private async seedLearning(m: EntityManager, organizationId: string): Promise<void> {
    const today = `(SELECT org_today($1))`;
    await m.query(
      `INSERT INTO assignments (organization_id, user_id, module_slug, due_on, assigned_at)
       SELECT $1, u.id, mo.slug,
              CASE WHEN mo.position <= 2 THEN ${today} + 21 ELSE ${today} + 45 END,
              now() - interval '30 days'
         FROM users u CROSS JOIN modules mo
        WHERE u.organization_id = $1 AND mo.active
          AND (mo.audience = 'everyone' OR (mo.audience IN ('leaders', 'staff') AND (mo.audience = 'leaders') = u.is_leader))`,
      [organizationId],
    );
    // Others: a deterministic spread of states by employee number.
    await m.query(
      `UPDATE assignments a SET due_on = ${today} - 10
         FROM users u, modules mo
        WHERE a.user_id = u.id AND mo.slug = a.module_slug AND a.organization_id = $1
          AND u.email NOT IN ('hr@demo.test', 'leader@demo.test', 'staff@demo.test')
          AND mo.position = 1 AND right(u.employee_number, 1) IN ('3', '7')`,
      [organizationId],
    );
    await m.query(
      `WITH done AS (
         SELECT a.id, a.user_id, a.module_slug, mo.version, mo.recertification_months,
                now() - ((right(u.employee_number, 2))::int % 20 || ' days')::interval AS at
           FROM assignments a JOIN users u ON u.id = a.user_id JOIN modules mo ON mo.slug = a.module_slug
          WHERE a.organization_id = $1 AND u.email NOT IN ('staff@demo.test', 'leader@demo.test')
            AND mo.position <= 2 AND right(u.employee_number, 1) IN ('0', '1', '2', '4', '5', '8')
       ), completed AS (
         UPDATE assignments a SET completed_at = d.at, started_at = d.at - interval '20 minutes', module_version = d.version,
                expires_on = (org_today($1, d.at) + make_interval(months => d.recertification_months))::date
           FROM done d WHERE a.id = d.id RETURNING a.id
       )
       INSERT INTO completions (organization_id, assignment_id, user_id, module_slug, module_version, score, time_spent_seconds, completed_at)
       SELECT $1, d.id, d.user_id, d.module_slug, d.version, 80 + (length(d.user_id::text) % 3) * 10, 900, d.at FROM done d`,
      [organizationId],
    );
    // staff@demo.test: module 1 completed, module 2 in progress, module 3 overdue.
    const [staff] = await m.query(`SELECT id FROM users WHERE lower(email) = 'staff@demo.test'`);
    const [first, second, third] = await m.query(`SELECT slug, version, recertification_months FROM modules WHERE active AND audience = 'everyone' ORDER BY position LIMIT 3`);
    const [done] = await m.query(
      `UPDATE assignments SET completed_at = now() - interval '12 days', started_at = now() - interval '12 days 1 hour', module_version = $3,
              expires_on = (org_today(organization_id) - 12 + make_interval(months => $4))::date
        WHERE user_id = $1 AND module_slug = $2 RETURNING id`,
      [staff.id, first.slug, first.version, first.recertification_months],
    ).then((r: [{ id: string }[], number]) => r[0]);
    await m.query(
      `INSERT INTO completions (organization_id, assignment_id, user_id, module_slug, module_version, score, time_spent_seconds, completed_at)
       VALUES ($1, $2, $3, $4, $5, 88, 1020, now() - interval '12 days')`,
      [organizationId, done.id, staff.id, first.slug, first.version],
    );
    await m.query(`UPDATE assignments SET started_at = now() - interval '2 days' WHERE user_id = $1 AND module_slug = $2`, [staff.id, second.slug]);
    await m.query(
      `INSERT INTO lesson_progress (assignment_id, lesson_id, opened_at, read_at)
       SELECT a.id, '01-content-note', now() - interval '2 days', now() - interval '2 days' + interval '3 minutes'
         FROM assignments a WHERE a.user_id = $1 AND a.module_slug = $2`,
      [staff.id, second.slug],
    );
    await m.query(`UPDATE assignments SET due_on = org_today(organization_id) - 7 WHERE user_id = $1 AND module_slug = $2`, [staff.id, third.slug]);
  }

  /** A certificate for every seeded completion; their PDFs are rendered in the background. */
  private async seedCertificates(m: EntityManager, organizationId: string): Promise<void> {
    const completions: { id: string }[] = await m.query(`SELECT id FROM completions WHERE organization_id = $1`, [organizationId]);
    await m.query(
      `INSERT INTO certificates (serial, organization_id, user_id, completion_id, assignment_id, module_slug, module_version,
                                 module_title, holder_name, locale, issued_at, expires_on)
       SELECT s.serial, c.organization_id, c.user_id, c.id, c.assignment_id, c.module_slug, c.module_version, mo.title, u.name,
              u.locale, c.completed_at, a.expires_on
         FROM unnest($1::uuid[], $2::text[]) AS s(completion_id, serial)
         JOIN completions c ON c.id = s.completion_id JOIN users u ON u.id = c.user_id
         JOIN assignments a ON a.id = c.assignment_id JOIN modules mo ON mo.slug = c.module_slug`,
      [completions.map((c) => c.id), completions.map(() => newSerial())],
    );
  }

  private async seedPolicies(m: EntityManager, organizationId: string, publishedBy: string): Promise<void> {
    for (const doc of DEMO_POLICIES) {
      const [row] = await m.query(
        `INSERT INTO policy_documents (organization_id, kind, version, title, body, published_by, published_at)
         VALUES ($1, $2, 1, $3, $4, $5, now() - interval '40 days') RETURNING id`,
        [organizationId, doc.kind, JSON.stringify(doc.title), JSON.stringify(doc.body), publishedBy],
      );
      await m.query(
        `INSERT INTO acknowledgements (document_id, user_id, typed_name, signed_at)
         SELECT $1, u.id, u.name, now() - ((right(u.employee_number, 2))::int % 30 || ' days')::interval
           FROM users u WHERE u.organization_id = $2 AND u.email NOT IN ('staff@demo.test', 'leader@demo.test')
            AND right(u.employee_number, 1) NOT IN ('6', '9')`,
        [row.id, organizationId],
      );
    }
  }

  private async ensureUser(
    m: EntityManager,
    u: { email: string; name: string; roles: string[]; passwordHash: string; partnerId?: string },
  ): Promise<string> {
    const [found] = await m.query(`SELECT id FROM users WHERE lower(email) = lower($1)`, [u.email]);
    if (found) return found.id;
    const [row] = await m.query(
      `INSERT INTO users (email, name, roles, password_hash, partner_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [u.email, u.name, u.roles, u.passwordHash, u.partnerId ?? null],
    );
    return row.id;
  }
}
