import { hashRaw } from '@node-rs/argon2';
import { open, seal } from '../common/aes-gcm';
import {
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  randomInt,
  type KeyObject,
} from 'node:crypto';

/**
 * The channel's primitives, all from node:crypto and @node-rs/argon2 (no hand-made cipher):
 * AES-256-GCM for content, X25519 + HKDF-SHA256 + AES-256-GCM as a sealed box for data keys,
 * argon2id for everything derived from something a person types (receipt, password).
 */

/** AES-256-GCM bound to a context: the one format of the app (common/aes-gcm.ts). */
export { open, seal } from '../common/aes-gcm';

export const sealText = (key: Buffer, text: string, context: string) => seal(key, Buffer.from(text, 'utf8'), context);
export const openText = (key: Buffer, sealed: Buffer, context: string) => open(key, sealed, context).toString('utf8');

export function newDataKey(): Buffer {
  return randomBytes(32);
}

/** A key for a secret that is already high-entropy (a session token, a recovery key): HKDF suffices. */
export function deriveFromToken(token: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(token, 'utf8'), Buffer.alloc(0), `aman.${purpose}`, 32));
}

/** argon2id at OWASP's minimum (19 MiB, 2 passes) into raw key bytes, for secrets people type. */
export function deriveFromSecret(secret: string, salt: Buffer): Promise<Buffer> {
  return hashRaw(secret, { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32, salt });
}

/** 16 digits from the CSPRNG (crypto.randomInt, no modulo bias): ~53 bits, slowed by argon2id and the limits. */
export function newReceipt(): string {
  let receipt = '';
  for (let i = 0; i < 16; i++) receipt += String(randomInt(10));
  return receipt;
}

/** People type receipts with spaces or dashes between groups. */
export function normalizeReceipt(receipt: string): string {
  return receipt.replace(/[\s-]/g, '');
}

/** A recovery key: 128 random bits as 8 groups of 4 hex characters. */
export function newRecoveryKey(): string {
  return (randomBytes(16).toString('hex').match(/.{4}/g) as string[]).join('-');
}

export function normalizeRecoveryKey(key: string): string {
  return key.replace(/[^0-9a-f]/gi, '').toLowerCase();
}

/** The key a recipient's private key is sealed under for recovery, from the recovery key as typed. */
export function keyFromRecoveryKey(recoveryKey: string): Buffer {
  return deriveFromToken(normalizeRecoveryKey(recoveryKey), 'recovery-key');
}

export interface KeyPair {
  /** 32 raw bytes. */
  publicKey: Buffer;
  /** PKCS#8 DER. */
  privateKey: Buffer;
}

export function newKeyPair(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return { publicKey: rawPublic(publicKey), privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }) };
}

function rawPublic(key: KeyObject): Buffer {
  return Buffer.from(key.export({ format: 'jwk' }).x as string, 'base64url');
}

function publicFromRaw(raw: Buffer): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: raw.toString('base64url') }, format: 'jwk' });
}

function boxKey(shared: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), 'aman.sealed-box.v1', 32));
}

/**
 * A sealed box for an X25519 public key: a fresh ephemeral key pair per box, its Diffie-Hellman
 * secret with the recipient through HKDF-SHA256 (salted with both public keys) to an AES-256-GCM
 * key. Output: ephemeral public key (32 bytes) ‖ the sealed data. Only the recipient's private key opens it.
 */
export function sealFor(recipientPublic: Buffer, plaintext: Buffer, context: string): Buffer {
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralPublic = rawPublic(ephemeral.publicKey);
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: publicFromRaw(recipientPublic) });
  return Buffer.concat([ephemeralPublic, seal(boxKey(shared, ephemeralPublic, recipientPublic), plaintext, context)]);
}

export function openSealed(privateKeyDer: Buffer, box: Buffer, context: string): Buffer {
  const privateKey = createPrivateKey({ key: privateKeyDer, format: 'der', type: 'pkcs8' });
  const recipientPublic = rawPublic(createPublicKey(privateKey));
  const ephemeralPublic = box.subarray(0, 32);
  const shared = diffieHellman({ privateKey, publicKey: publicFromRaw(ephemeralPublic) });
  return open(boxKey(shared, ephemeralPublic, recipientPublic), box.subarray(32), context);
}
