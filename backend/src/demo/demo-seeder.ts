import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import { hashPassword } from '../identity/crypto';
import { DEMO_ORG_CODE, DEMO_PASSWORD, DEMO_SETTINGS, DEMO_UNITS, demoPeople } from './demo-data';

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
         VALUES ($1, $2, (now() AT TIME ZONE 'Asia/Jakarta')::date - 90, (now() AT TIME ZONE 'Asia/Jakarta')::date + 275, 'named', $3)
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
      this.logger.log(`seeded the demo organisation with ${people.length} people`);
      return { created: true };
    });
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
