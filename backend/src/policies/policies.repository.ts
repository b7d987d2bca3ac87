import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface PolicyRow {
  id: string;
  kind: 'policy' | 'commitment';
  version: number;
  title: { id: string; en: string };
  body: { id: string; en: string };
  publishedAt: Date;
}

const COLUMNS = `d.id, d.kind, d.version, d.title, d.body, d.published_at AS "publishedAt"`;
/** The latest version of each kind: only it can be signed. */
const CURRENT = `d.version = (SELECT max(version) FROM policy_documents x WHERE x.organization_id = d.organization_id AND x.kind = d.kind)`;

@Injectable()
export class PoliciesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async publish(
    manager: EntityManager,
    doc: { organizationId: string; kind: string; title: object; body: object; publishedBy: string },
  ): Promise<PolicyRow> {
    // The per-kind lock makes two simultaneous publications get versions n and n+1, not a clash.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`aman.policy:${doc.organizationId}:${doc.kind}`]);
    const [row] = await manager.query(
      `INSERT INTO policy_documents AS d (organization_id, kind, version, title, body, published_by)
       SELECT $1, $2, COALESCE(max(version), 0) + 1, $3, $4, $5 FROM policy_documents WHERE organization_id = $1 AND kind = $2
       RETURNING ${COLUMNS}`,
      [doc.organizationId, doc.kind, JSON.stringify(doc.title), JSON.stringify(doc.body), doc.publishedBy],
    );
    return row;
  }

  /**
   * What publishing a new version of `kind` would do: its version number, how many active people
   * will be asked to sign it, and how many of them signed the current version (they sign again).
   */
  async publishPreview(organizationId: string, kind: string): Promise<{ version: number; toSign: number; signedCurrent: number }> {
    const [row] = await this.dataSource.query(
      `WITH cur AS (SELECT id, version FROM policy_documents WHERE organization_id = $1 AND kind = $2 ORDER BY version DESC LIMIT 1)
       SELECT COALESCE((SELECT version FROM cur), 0) + 1 AS version,
              count(*)::int AS "toSign",
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM acknowledgements a WHERE a.user_id = u.id AND a.document_id = (SELECT id FROM cur)))::int AS "signedCurrent"
         FROM users u
        WHERE u.organization_id = $1 AND u.status = 'active'`,
      [organizationId, kind],
    );
    return row;
  }

  /** Every version with signature counts of leaders and staff among active people, in SQL. */
  listWithCounts(organizationId: string) {
    return this.dataSource.query(
      `SELECT ${COLUMNS}, ${CURRENT} AS current,
              count(a.id) FILTER (WHERE u.is_leader)::int AS "leadersSigned",
              count(a.id) FILTER (WHERE NOT u.is_leader)::int AS "staffSigned",
              (SELECT count(*) FILTER (WHERE is_leader)::int FROM users WHERE organization_id = $1 AND status = 'active') AS "leadersTotal",
              (SELECT count(*) FILTER (WHERE NOT is_leader)::int FROM users WHERE organization_id = $1 AND status = 'active') AS "staffTotal"
         FROM policy_documents d
         LEFT JOIN acknowledgements a ON a.document_id = d.id
         LEFT JOIN users u ON u.id = a.user_id AND u.status = 'active'
        WHERE d.organization_id = $1
        GROUP BY d.id
        ORDER BY d.kind, d.version DESC`,
      [organizationId],
    );
  }

  getCurrentForUser(organizationId: string, userId: string): Promise<(PolicyRow & { signedAt: Date | null })[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS}, a.signed_at AS "signedAt"
         FROM policy_documents d LEFT JOIN acknowledgements a ON a.document_id = d.id AND a.user_id = $2
        WHERE d.organization_id = $1 AND ${CURRENT}
        ORDER BY d.kind DESC`,
      [organizationId, userId],
    );
  }

  async getDocument(organizationId: string, id: string): Promise<(PolicyRow & { current: boolean }) | null> {
    const [row] = await this.dataSource.query(
      `SELECT ${COLUMNS}, ${CURRENT} AS current FROM policy_documents d WHERE d.organization_id = $1 AND d.id = $2`,
      [organizationId, id],
    );
    return row ?? null;
  }

  /** Returns the signing time; signing twice keeps the first signature. */
  async acknowledge(manager: EntityManager, documentId: string, userId: string, typedName: string): Promise<{ signedAt: Date; created: boolean }> {
    const inserted = await manager.query(
      `INSERT INTO acknowledgements (document_id, user_id, typed_name) VALUES ($1, $2, $3)
       ON CONFLICT (document_id, user_id) DO NOTHING RETURNING signed_at AS "signedAt"`,
      [documentId, userId, typedName],
    );
    if (inserted.length) return { signedAt: inserted[0].signedAt, created: true };
    const [row] = await manager.query(`SELECT signed_at AS "signedAt" FROM acknowledgements WHERE document_id = $1 AND user_id = $2`, [documentId, userId]);
    return { signedAt: row.signedAt, created: false };
  }

  async listSignatures(organizationId: string, documentId: string, filter: { group?: 'leaders' | 'staff'; signed?: boolean }, page: number, pageSize: number) {
    const where = [`u.organization_id = $1`, `u.status = 'active'`];
    if (filter.group) where.push(filter.group === 'leaders' ? 'u.is_leader' : 'NOT u.is_leader');
    if (filter.signed !== undefined) where.push(filter.signed ? 'a.id IS NOT NULL' : 'a.id IS NULL');
    const from = `FROM users u LEFT JOIN acknowledgements a ON a.user_id = u.id AND a.document_id = $2 LEFT JOIN units un ON un.id = u.unit_id WHERE ${where.join(' AND ')}`;
    const [items, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT u.id, u.name, un.name AS "unitName", u.is_leader AS "isLeader", a.signed_at AS "signedAt", a.typed_name AS "typedName"
           ${from} ORDER BY a.signed_at DESC NULLS LAST, u.name LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        [organizationId, documentId],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total ${from}`, [organizationId, documentId]),
    ]);
    return { items, total };
  }
}
