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
  hrAdmin: { email: string; name: string; password: string };
}

export interface NewEngagement {
  partnerId: string;
  organizationId: string;
  periodStart: string;
  periodEnd: string;
  scope: Scope;
}
