import { TimeZone } from '../shared/time-zones';

/** `GET /api/organizations`. */
export interface Organization {
  id: string;
  name: string;
  code: string;
  timeZone: string;
  createdAt: string;
}

/** `GET /api/partners`. */
export interface Partner {
  id: string;
  name: string;
  auditors: number;
}

export const SCOPES = ['aggregate', 'named'] as const;
export type Scope = (typeof SCOPES)[number];

export interface OnboardOrganization {
  name: string;
  code: string;
  timeZone: TimeZone;
  /** No password: the HR admin gets an invitation link by mail. */
  hrAdmin: { email: string; name: string };
}

export interface NewEngagement {
  partnerId: string;
  organizationId: string;
  periodStart: string;
  periodEnd: string;
  scope: Scope;
}

export const INVITATION_STATES = ['pending', 'used', 'expired'] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];

/** `GET /api/invitations`: someone a platform admin invited, with their latest invitation. */
export interface Invitation {
  userId: string;
  email: string;
  name: string;
  roles: string[];
  organizationId: string | null;
  partnerId: string | null;
  state: InvitationState;
  sentAt: string;
  expiresAt: string;
}
