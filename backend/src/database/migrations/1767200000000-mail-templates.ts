import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An organisation's own wording of its reminders, escalations and invitations: at most one per
 * (kind, language); none means Aman's default. The body is plain text with placeholders and one
 * `{{link}}` line where the server puts the link (mail/mail-templates.ts).
 */
export class MailTemplates1767200000000 implements MigrationInterface {
  name = 'MailTemplates1767200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mail_templates (
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('reminder', 'overdue', 'escalation', 'invitation')),
        lang text NOT NULL CHECK (lang IN ('id', 'en')),
        subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200 AND subject !~ '[\\r\\n]'),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users(id),
        PRIMARY KEY (organization_id, kind, lang)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mail_templates`);
  }
}
