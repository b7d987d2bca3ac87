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

export type CaseStatus = 'received' | 'in_review' | 'referred' | 'closed';

export interface CaseMessage {
  from: 'reporter' | 'handler';
  text: string;
  at: string;
}

export interface CaseAttachment {
  id: string;
  name: string;
  size: number;
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

export const CATEGORY_IDS = [
  'sexual_harassment',
  'sexual_violence',
  'online_gbv',
  'retaliation',
  'other',
] as const;

/** Translation key of a category, or null for one this build does not know (the server's label is shown). */
export function categoryKey(id: string): string | null {
  return (CATEGORY_IDS as readonly string[]).includes(id)
    ? `reportChannel.categories.${id}`
    : null;
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

/** 16 digits as four groups of four, easier to copy by hand and to read aloud. */
export function groupReceipt(receipt: string): string {
  return receipt.replace(/\D/g, '').replace(/(\d{4})(?=\d)/g, '$1 ');
}
