export const ROLES = [
  'employee',
  'hr_admin',
  'auditor',
  'platform_admin',
  'case_handler',
] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in person, as `GET /api/me` answers. */
export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  isLeader: boolean;
  organizationId: string | null;
  unitId: string | null;
  partnerId: string | null;
  locale: string | null;
  /** The organisation requires TOTP of this HR admin, who has none yet: only the account page works. */
  totpEnrollmentRequired?: boolean;
  /** HR designated this employee a Satgas member: confidential reports reach them at /cases. */
  isSatgas?: boolean;
}

/** `POST /api/auth/login` with a second factor on: no session yet. */
export interface TotpChallenge {
  totpRequired: true;
  challenge: string;
}
