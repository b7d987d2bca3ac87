import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface SetupStatusRow {
  units: boolean;
  settings: boolean;
  satgas: boolean;
  policy: boolean;
  people: boolean;
  rules: boolean;
  invite: boolean;
  notInvited: number;
}

@Injectable()
export class SetupStatusRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Each step of a new organisation's set-up, in one statement. "People" are active accounts
   * other than HR admins (the first HR admin exists from onboarding); "invite" is done once people
   * exist and every active one with an email has a password or was sent a link.
   */
  async status(organizationId: string): Promise<SetupStatusRow> {
    const [row] = await this.dataSource.query(
      `WITH o AS (SELECT settings FROM organizations WHERE id = $1),
            waiting AS (
              SELECT count(*)::int AS n FROM users u
               WHERE u.organization_id = $1 AND u.status = 'active' AND u.email IS NOT NULL AND u.password_hash IS NULL
                 AND NOT EXISTS (SELECT 1 FROM password_tokens t WHERE t.user_id = u.id AND t.purpose IN ('set', 'invite')))
       SELECT EXISTS (SELECT 1 FROM units WHERE organization_id = $1 AND archived_at IS NULL) AS units,
              (SELECT jsonb_array_length(COALESCE(settings #> '{sopSteps,id}', '[]')) + jsonb_array_length(COALESCE(settings #> '{sopSteps,en}', '[]')) > 0
                  AND jsonb_array_length(COALESCE(settings -> 'channels', '[]')) > 0 FROM o) AS settings,
              (SELECT jsonb_array_length(COALESCE(settings -> 'taskForce', '[]')) > 0 FROM o)
                OR EXISTS (SELECT 1 FROM satgas_members WHERE organization_id = $1) AS satgas,
              EXISTS (SELECT 1 FROM policy_documents WHERE organization_id = $1 AND kind = 'policy')
                AND EXISTS (SELECT 1 FROM policy_documents WHERE organization_id = $1 AND kind = 'commitment') AS policy,
              EXISTS (SELECT 1 FROM users WHERE organization_id = $1 AND status = 'active' AND NOT 'hr_admin' = ANY(roles)) AS people,
              EXISTS (SELECT 1 FROM assignment_rules WHERE organization_id = $1 AND active) AS rules,
              EXISTS (SELECT 1 FROM users WHERE organization_id = $1 AND status = 'active' AND NOT 'hr_admin' = ANY(roles))
                AND (SELECT n FROM waiting) = 0 AS invite,
              (SELECT n FROM waiting) AS "notInvited"`,
      [organizationId],
    );
    return row;
  }
}
