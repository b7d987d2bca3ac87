import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** Someone HR may send a set-password link to. */
export interface InvitationCandidate {
  id: string;
  email: string;
  name: string;
  locale: 'id' | 'en';
}

/** A requested id as found in the organisation (null fields: not a person of it). */
export interface RequestedPerson {
  requested: string;
  id: string | null;
  email: string | null;
  name: string | null;
  locale: 'id' | 'en' | null;
  active: boolean | null;
  hasPassword: boolean | null;
}

/** Links that count as an invitation to an employee account: HR's set link or a platform admin's invite. */
const INVITATION_PURPOSES = `('set', 'invite')`;

@Injectable()
export class PeopleInvitationsRepository {
  /** Two "invite everyone" clicks must not both send: the second waits and then finds nobody left. */
  async lock(manager: EntityManager, organizationId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('aman.people-invite:' || $1, 0))`, [organizationId]);
  }

  /** Active people with an email, no password and never sent an invitation. */
  async notYetInvited(manager: EntityManager, organizationId: string): Promise<InvitationCandidate[]> {
    return manager.query(
      `SELECT u.id, u.email, u.name, u.locale
         FROM users u
        WHERE u.organization_id = $1 AND u.status = 'active' AND u.email IS NOT NULL AND u.password_hash IS NULL
          AND NOT EXISTS (SELECT 1 FROM password_tokens t WHERE t.user_id = u.id AND t.purpose IN ${INVITATION_PURPOSES})
        ORDER BY u.id`,
      [organizationId],
    );
  }

  /** Active people of the organisation who cannot be invited because they have no email. */
  async countWithoutEmail(manager: EntityManager, organizationId: string): Promise<number> {
    const [row] = await manager.query(
      `SELECT count(*)::int AS n FROM users WHERE organization_id = $1 AND status = 'active' AND email IS NULL`,
      [organizationId],
    );
    return row.n;
  }

  /** Each requested id with what decides whether it can be invited; ids of other organisations come back empty. */
  async findRequested(manager: EntityManager, organizationId: string, ids: string[]): Promise<RequestedPerson[]> {
    return manager.query(
      `SELECT r.id AS requested, u.id, u.email, u.name, u.locale, u.status = 'active' AS active,
              u.password_hash IS NOT NULL AS "hasPassword"
         FROM unnest($2::uuid[]) WITH ORDINALITY AS r(id, n)
         LEFT JOIN users u ON u.id = r.id AND u.organization_id = $1
        ORDER BY r.n`,
      [organizationId, ids],
    );
  }
}
