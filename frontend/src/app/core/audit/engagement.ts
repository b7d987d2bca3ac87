/** One entry of `GET /api/engagements`. */
export interface Engagement {
  id: string;
  organizationId: string;
  organizationName: string;
  partnerId: string;
  partnerName: string;
  periodStart: string;
  periodEnd: string;
  scope: 'aggregate' | 'named';
  /** Within its period and not ended: only then may the auditor open the organisation. */
  active: boolean;
}
