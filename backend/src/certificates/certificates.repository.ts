import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface CertificateRow {
  id: string;
  serial: string;
  organization_id: string;
  organization_name: string;
  org_today: string;
  user_id: string;
  holder_name: string;
  locale: 'id' | 'en';
  module_slug: string;
  module_version: string;
  module_title: { id: string; en: string };
  issued_at: Date;
  /** The day of issue in the organisation's time zone, as the certificate prints it. */
  issued_on: string;
  expires_on: string;
  revoked_at: Date | null;
  revoked_reason: string | null;
  verifications: number;
  has_pdf: boolean;
  score: number | null;
  signatory: { name: string; title: { id: string; en: string } } | null;
}

export interface CertificateListFilter {
  q?: string;
  status?: string;
  module?: string;
  unitId?: string;
}

export interface CertificateListRow {
  serial: string;
  holder: string;
  unitId: string | null;
  unitName: string | null;
  moduleSlug: string;
  moduleTitle: { id: string; en: string };
  moduleVersion: string;
  issuedAt: Date;
  expiresOn: string;
  score: number | null;
  revokedAt: Date | null;
  revokedReason: string | null;
  verifications: number;
  expired: boolean;
}

const SELECT = `
  SELECT c.id, c.serial, c.organization_id, o.name AS organization_name,
         to_char(org_today(o.id), 'YYYY-MM-DD') AS org_today,
         c.user_id, c.holder_name, c.locale, c.module_slug, c.module_version, c.module_title, c.issued_at,
         to_char(c.issued_at AT TIME ZONE o.time_zone, 'YYYY-MM-DD') AS issued_on,
         to_char(c.expires_on, 'YYYY-MM-DD') AS expires_on, c.revoked_at, c.revoked_reason, c.verifications,
         c.pdf IS NOT NULL AS has_pdf, cm.score, o.settings -> 'certificateSignatory' AS signatory
    FROM certificates c JOIN organizations o ON o.id = c.organization_id
    LEFT JOIN completions cm ON cm.id = c.completion_id`;

@Injectable()
export class CertificatesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Issues the certificate of a completion, in the completion's transaction; PDF comes later. */
  async insert(
    manager: EntityManager,
    c: { serial: string; completionId: string; assignmentId: string; organizationId: string; userId: string; slug: string; version: string; title: object },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO certificates (serial, organization_id, user_id, completion_id, assignment_id, module_slug, module_version,
                                 module_title, holder_name, locale, issued_at, expires_on)
       SELECT $1, $2, u.id, $4, $5, $6, $7, $8, u.name, u.locale, cm.completed_at, a.expires_on
         FROM users u, assignments a, completions cm
        WHERE u.id = $3 AND a.id = $5 AND cm.id = $4`,
      [c.serial, c.organizationId, c.userId, c.completionId, c.assignmentId, c.slug, c.version, JSON.stringify(c.title)],
    );
  }

  async findBySerial(serial: string): Promise<CertificateRow | null> {
    const [row] = await this.dataSource.query(`${SELECT} WHERE c.serial = $1`, [serial]);
    return row ?? null;
  }

  async getPdf(id: string): Promise<{ pdf: Buffer; sha256: string } | null> {
    const [row] = await this.dataSource.query(`SELECT pdf, sha256 FROM certificates WHERE id = $1 AND pdf IS NOT NULL`, [id]);
    return row ?? null;
  }

  /** Stores the bytes once; a concurrent render of the same certificate keeps the first. */
  async storePdf(id: string, pdf: Buffer, sha256: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE certificates SET pdf = $2, sha256 = $3, rendered_at = now() WHERE id = $1 AND pdf IS NULL`,
      [id, pdf, sha256],
    );
  }

  /** Claims certificates waiting for their PDF; a claim older than 2 minutes is taken over. */
  async claimUnrendered(limit: number): Promise<string[]> {
    const [rows] = await this.dataSource.query(
      `UPDATE certificates SET render_claimed_at = now(), render_attempts = render_attempts + 1
        WHERE id IN (SELECT id FROM certificates
                      WHERE pdf IS NULL AND render_attempts < 5
                        AND (render_claimed_at IS NULL OR render_claimed_at < now() - interval '2 minutes')
                      ORDER BY issued_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      [limit],
    );
    return (rows as { id: string }[]).map((r) => r.id);
  }

  /** Hands back claims that were never worked on, without counting them as attempts. */
  async releaseClaims(ids: string[]): Promise<void> {
    await this.dataSource.query(
      `UPDATE certificates SET render_claimed_at = NULL, render_attempts = greatest(render_attempts - 1, 0)
        WHERE id = ANY($1::uuid[]) AND pdf IS NULL`,
      [ids],
    );
  }

  /** The certificates of a claim, in one query, oldest first. */
  findByIds(ids: string[]): Promise<CertificateRow[]> {
    return this.dataSource.query(`${SELECT} WHERE c.id = ANY($1::uuid[]) ORDER BY c.issued_at`, [ids]);
  }

  async countVerification(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE certificates SET verifications = verifications + 1, last_verified_at = now() WHERE id = $1`, [id]);
  }

  async revoke(manager: EntityManager, id: string, reason: string, by: string): Promise<boolean> {
    const [rows] = await manager.query(
      `UPDATE certificates SET revoked_at = now(), revoked_reason = $2, revoked_by = $3 WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
      [id, reason, by],
    );
    return (rows as unknown[]).length === 1;
  }

  /**
   * One page of the organisation's certificates, newest first: HR's list and a `named` auditor's read
   * the same rows. `unitId` takes the unit's subtree (the holder's current unit); `q` matches the
   * holder's name or the serial (trigram index, 1767100000000).
   */
  async list(organizationId: string, filter: CertificateListFilter, page: number, pageSize: number): Promise<{ items: CertificateListRow[]; total: number }> {
    const where = ['c.organization_id = $1'];
    const params: unknown[] = [organizationId];
    if (filter.q) {
      params.push(`%${filter.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
      where.push(`(c.holder_name || ' ' || c.serial) ILIKE $${params.length}`);
    }
    if (filter.module) {
      params.push(filter.module);
      where.push(`c.module_slug = $${params.length}`);
    }
    if (filter.unitId) {
      params.push(filter.unitId);
      where.push(
        `c.user_id IN (SELECT hu.id FROM users hu JOIN units hun ON hun.id = hu.unit_id
                        WHERE hun.organization_id = $1 AND hun.path @> ARRAY[$${params.length}::uuid])`,
      );
    }
    if (filter.status === 'revoked') where.push('c.revoked_at IS NOT NULL');
    if (filter.status === 'expired') where.push(`c.revoked_at IS NULL AND c.expires_on <= (SELECT org_today($1))`);
    if (filter.status === 'valid') where.push(`c.revoked_at IS NULL AND c.expires_on > (SELECT org_today($1))`);
    const filtered = `WHERE ${where.join(' AND ')}`;
    const [items, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT c.serial, c.holder_name AS holder, u.unit_id AS "unitId", un.name AS "unitName",
                c.module_slug AS "moduleSlug", c.module_title AS "moduleTitle", c.module_version AS "moduleVersion",
                c.issued_at AS "issuedAt", to_char(c.expires_on, 'YYYY-MM-DD') AS "expiresOn", cm.score,
                c.revoked_at AS "revokedAt", c.revoked_reason AS "revokedReason",
                c.verifications, c.expires_on <= (SELECT org_today($1)) AS expired
           FROM certificates c JOIN users u ON u.id = c.user_id LEFT JOIN units un ON un.id = u.unit_id
           LEFT JOIN completions cm ON cm.id = c.completion_id ${filtered}
          ORDER BY c.issued_at DESC, c.serial LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        params,
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM certificates c ${filtered}`, params),
    ]);
    return { items, total };
  }

  async unitOf(organizationId: string, unitId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM units WHERE id = $1 AND organization_id = $2`, [unitId, organizationId]);
    return rows.length === 1;
  }
}
