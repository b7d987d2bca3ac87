import type { MigrationInterface, QueryRunner } from 'typeorm';

const HR_RULE = `(u.totp_enabled_at IS NULL AND 'hr_admin' = ANY(u.roles)
                AND coalesce((SELECT o.require_hr_totp FROM organizations o WHERE o.id = u.organization_id), false))`;

/**
 * Case handlers read confidential reports: they must enrol a second factor before anything but the
 * enrolment answers, whatever any organisation says (a per-user exemption exists for the demo
 * handler only). The rule joins live_session(), the one definition every session check calls.
 */
export class CaseHandlerTotp1766000000001 implements MigrationInterface {
  name = 'CaseHandlerTotp1766000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(liveSession(`(${HR_RULE}
                OR (u.totp_enabled_at IS NULL AND 'case_handler' = ANY(u.roles) AND NOT u.totp_exempt))`));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(liveSession(HR_RULE));
  }
}

function liveSession(mustEnroll: string): string {
  return `
      CREATE OR REPLACE FUNCTION live_session(p_token_hash text) RETURNS TABLE (session_id uuid, user_id uuid, must_enroll_totp boolean)
      LANGUAGE sql STABLE AS $$
        SELECT s.id, u.id,
               ${mustEnroll}
          FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = p_token_hash AND s.revoked_at IS NULL AND s.expires_at > now() AND u.status = 'active'
      $$`;
}
