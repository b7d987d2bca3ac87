import {
  CaseAttachment,
  CaseMessage,
  CaseStatus,
} from '../report/report-models';

export type { CaseAttachment, CaseMessage, CaseStatus };

export const CASE_STATUSES: readonly CaseStatus[] = [
  'received',
  'in_review',
  'referred',
  'closed',
];

export const OUTCOMES = [
  'substantiated',
  'not_substantiated',
  'resolved_informally',
  'withdrawn',
  'referred_elsewhere',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** One row of `GET /api/cases`. */
export interface CaseSummary {
  id: string;
  organizationName: string;
  category: string;
  status: CaseStatus;
  createdOn: string;
  unread: boolean;
}

/** `GET /api/cases/:id`: the report, its messages and attachments (fields past API.md are optional). */
export interface CaseDetail extends CaseSummary {
  description: string;
  contact?: string | null;
  allowSatgasReferral?: boolean;
  outcome?: Outcome | null;
  messages: CaseMessage[];
  attachments: CaseAttachment[];
}
