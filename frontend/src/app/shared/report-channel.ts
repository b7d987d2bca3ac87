/**
 * What the confidential channel's two sides share: the reporter's pages (report/) and the handlers'
 * (cases/) show the same statuses, categories, messages and receipts.
 */
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

/** 16 digits as four groups of four, easier to copy by hand and to read aloud. */
export function groupReceipt(receipt: string): string {
  return receipt.replace(/\D/g, '').replace(/(\d{4})(?=\d)/g, '$1 ');
}
