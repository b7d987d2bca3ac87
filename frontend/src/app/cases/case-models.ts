import {
  CaseAttachment,
  CaseMessage,
  CaseStatus,
} from '../shared/report-channel';

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
  /** null once the partner's retention period after closing has deleted the content. */
  description: string | null;
  contentDeleted?: boolean;
  contact?: string | null;
  allowSatgasReferral?: boolean;
  outcome?: Outcome | null;
  messages: CaseMessage[];
  attachments: CaseAttachment[];
}

/** Where a case may go next (the server holds the same rule and refuses anything else with 400). */
export const NEXT_STATUSES: Record<CaseStatus, readonly CaseStatus[]> = {
  received: ['in_review'],
  in_review: ['referred', 'closed'],
  referred: ['closed'],
  closed: [],
};

/** One handler of a partner, as `GET /api/partners/:partnerId/case-handlers` lists them. */
export interface CaseHandler {
  id: string;
  name: string;
  email: string | null;
  confirmed: boolean;
  hasKey: boolean;
}
