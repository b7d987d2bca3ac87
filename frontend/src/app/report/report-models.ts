import {
  CaseAttachment,
  CaseMessage,
  CaseStatus,
} from '../shared/report-channel';

/** `GET /api/report-channel/:orgCode`: what the public report form offers. */
export interface ReportChannel {
  organization: { name: string };
  recipients: ReportRecipient[];
  categories: { id: string; label: string }[];
}

export interface ReportRecipient {
  id: string;
  kind: 'partner' | 'satgas';
  name: string;
}

/** `GET /api/reporter/report`: the reporter's own report, read with the receipt's token. */
export interface ReporterReport {
  category: string;
  description: string;
  status: CaseStatus;
  createdOn: string;
  messages: CaseMessage[];
  attachments: CaseAttachment[];
}

/** What a reporter may attach (the server checks the bytes again and strips metadata). */
export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENTS_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/pdf',
] as const;
