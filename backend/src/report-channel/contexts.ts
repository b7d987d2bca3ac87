/**
 * The additional data every ciphertext of the channel is bound to (AES-GCM AAD), so that a value
 * moved to another report, field, user or purpose does not open. One place for the service, the
 * demo seeder and the tests: a context written twice could drift and lock data away.
 */

export const fieldContext = (reportId: string, field: 'description' | 'contact' | 'message') => `report:${reportId}:${field}`;

export const attachmentContext = (reportId: string, attachmentId: string, part: 'meta' | 'data') =>
  `report:${reportId}:attachment:${attachmentId}:${part}`;

/** The report's data key under the receipt-derived key. */
export const reporterKeyContext = (reportId: string) => `report:${reportId}:reporter-key`;

/** The report's data key in the sealed box for one recipient. */
export const recipientKeyContext = (reportId: string, userId: string) => `report:${reportId}:recipient-key:${userId}`;

/** A recipient's private key, sealed under their password, their recovery key or their session. */
export const privateKeyContext = (userId: string, by: 'password' | 'recovery' | 'unlock') => `recipient:${userId}:private-key:${by}`;

/** A new recipient's recovery key, kept for the session until shown once. */
export const recoveryKeyContext = (userId: string) => `recipient:${userId}:recovery-key`;

/** The receipt-derived key, kept for a reporter's follow-up session under a key from its token. */
export const reporterSessionContext = (reportId: string) => `reporter-session:${reportId}`;
