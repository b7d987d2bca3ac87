import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Locale, MailTemplateKind } from './mail-templates';

export interface MailTemplateRow {
  kind: MailTemplateKind;
  lang: Locale;
  subject: string;
  body: string;
  updatedAt: Date;
  updatedByName: string | null;
}

@Injectable()
export class MailTemplatesRepository {
  constructor(private readonly dataSource: DataSource) {}

  listForOrganization(
    organizationId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<MailTemplateRow[]> {
    return manager.query(
      `SELECT t.kind, t.lang, t.subject, t.body, t.updated_at AS "updatedAt", u.name AS "updatedByName"
         FROM mail_templates t LEFT JOIN users u ON u.id = t.updated_by
        WHERE t.organization_id = $1`,
      [organizationId],
    );
  }

  /** The organisation's name (for `{{organization}}`) and its own templates, in one statement. */
  async wordingOf(
    manager: EntityManager,
    organizationId: string,
  ): Promise<{
    organizationName: string;
    rows: Pick<MailTemplateRow, 'kind' | 'lang' | 'subject' | 'body'>[];
  } | null> {
    const [row]: {
      name: string;
      rows: Pick<MailTemplateRow, 'kind' | 'lang' | 'subject' | 'body'>[];
    }[] = await manager.query(
      `SELECT o.name,
              coalesce((SELECT json_agg(json_build_object('kind', t.kind, 'lang', t.lang, 'subject', t.subject, 'body', t.body))
                          FROM mail_templates t WHERE t.organization_id = o.id), '[]') AS rows
         FROM organizations o WHERE o.id = $1`,
      [organizationId],
    );
    return row ? { organizationName: row.name, rows: row.rows } : null;
  }

  async upsert(
    manager: EntityManager,
    row: {
      organizationId: string;
      kind: MailTemplateKind;
      lang: Locale;
      subject: string;
      body: string;
      updatedBy: string;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO mail_templates (organization_id, kind, lang, subject, body, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (organization_id, kind, lang)
       DO UPDATE SET subject = excluded.subject, body = excluded.body, updated_by = excluded.updated_by, updated_at = now()`,
      [
        row.organizationId,
        row.kind,
        row.lang,
        row.subject,
        row.body,
        row.updatedBy,
      ],
    );
  }

  /** True when there was one to delete. */
  async delete(
    manager: EntityManager,
    organizationId: string,
    kind: MailTemplateKind,
    lang: Locale,
  ): Promise<boolean> {
    const [, count]: [unknown, number] = await manager.query(
      `DELETE FROM mail_templates WHERE organization_id = $1 AND kind = $2 AND lang = $3`,
      [organizationId, kind, lang],
    );
    return count > 0;
  }
}
