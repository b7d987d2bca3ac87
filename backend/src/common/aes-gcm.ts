import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Format byte, then a random 96-bit IV, the 128-bit tag and the ciphertext. */
const VERSION = 1;
const IV = 12;
const TAG = 16;

/**
 * AES-256-GCM under a 32-byte key. The context is authenticated (additional data), so a
 * ciphertext moved to another row, field or purpose does not open. The installation's SecretBox
 * and the report channel's per-report and per-person keys share this one format.
 */
export function seal(key: Buffer, plaintext: Buffer, context: string): Buffer {
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

/** Throws on a wrong key, a wrong context or any change to the bytes. */
export function open(key: Buffer, sealed: Buffer, context: string): Buffer {
  if (sealed.length < 1 + IV + TAG || sealed[0] !== VERSION) throw new Error('Unknown ciphertext format');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 1 + IV));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(sealed.subarray(1 + IV, 1 + IV + TAG));
  return Buffer.concat([decipher.update(sealed.subarray(1 + IV + TAG)), decipher.final()]);
}
