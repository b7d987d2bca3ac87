import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface BulkCertificateRow {
  id: string;
  serial: string;
  employeeNumber: string | null;
  holderName: string;
  moduleSlug: string;
  issuedAt: Date;
  /** YYYY-MM-DD in the organisation's time zone. */
  issuedOn: string;
  pdf: Buffer;
}

@Injectable()
export class CertificatesBulkRepository {
  constructor(private readonly dataSource: DataSource) {}

  async unitOf(organizationId: string, unitId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM units WHERE id = $1 AND organization_id = $2`, [unitId, organizationId]);
    return rows.length > 0;
  }

  /**
   * The stored PDFs of the certificates (not revoked) held by people of the unit and the units
   * below it, oldest first, `limit` at a time after `after` (keyset paging: a few PDFs in memory at
   * once). Oldest first, so a person's first certificate of a module keeps the plain file name.
   */
  nextBatch(
    organizationId: string,
    unitId: string,
    after: { issuedAt: Date; id: string } | null,
    limit: number,
  ): Promise<BulkCertificateRow[]> {
    return this.dataSource.query(
      `SELECT c.id, c.serial, u.employee_number AS "employeeNumber", c.holder_name AS "holderName", c.module_slug AS "moduleSlug",
              c.issued_at AS "issuedAt", to_char(c.issued_at AT TIME ZONE o.time_zone, 'YYYY-MM-DD') AS "issuedOn", c.pdf
         FROM certificates c
         JOIN organizations o ON o.id = c.organization_id
         JOIN users u ON u.id = c.user_id
        WHERE c.organization_id = $1 AND c.revoked_at IS NULL AND c.pdf IS NOT NULL
          AND u.unit_id IN (SELECT id FROM units WHERE organization_id = $1 AND path @> ARRAY[$2::uuid])
          AND ($3::timestamptz IS NULL OR (c.issued_at, c.id) > ($3::timestamptz, $4::uuid))
        ORDER BY c.issued_at, c.id
        LIMIT $5`,
      [organizationId, unitId, after?.issuedAt ?? null, after?.id ?? null, limit],
    );
  }

  /** Certificates of the unit not revoked whose PDF is not rendered yet (left out of the archive). */
  async countPending(organizationId: string, unitId: string): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM certificates c JOIN users u ON u.id = c.user_id
        WHERE c.organization_id = $1 AND c.revoked_at IS NULL AND c.pdf IS NULL
          AND u.unit_id IN (SELECT id FROM units WHERE organization_id = $1 AND path @> ARRAY[$2::uuid])`,
      [organizationId, unitId],
    );
    return row.n;
  }
}
