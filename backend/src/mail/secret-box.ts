import { Inject, Injectable } from '@nestjs/common';
import { hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { open, seal } from '../common/aes-gcm';
import { APP_CONFIG, type AppConfig } from '../config/config';

/** Where the key lives: beside the signing keys, outside the database, so a dump alone opens nothing. */
export function secretsKeyFile(dataDir: string): string {
  return join(dataDir, 'keys', 'secrets.key');
}

/**
 * AES-256-GCM (common/aes-gcm.ts) for the few secrets the app must read back (one-time links
 * until their mail is sent, TOTP seeds). The key is 32 random bytes in DATA_DIR/keys/secrets.key, made 0600 on first use. Each
 * value is bound to its context (e.g. the outbox message id) as additional data, so a ciphertext
 * copied onto another row does not decrypt.
 */
@Injectable()
export class SecretBox {
  private key: Buffer | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  seal(plaintext: string, context: string): Buffer {
    return seal(this.loadKey(), Buffer.from(plaintext, 'utf8'), context);
  }

  /** Throws when the value was tampered with, sealed for another context or under another key. */
  open(sealed: Buffer, context: string): string {
    return open(this.loadKey(), sealed, context).toString('utf8');
  }

  /**
   * A key for one purpose (e.g. MACs of quiz option ids), derived from the secrets key with HKDF, so
   * the installation keeps one secret file and no purpose's key can stand in for another's.
   */
  deriveKey(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.loadKey(), Buffer.alloc(0), `aman:${purpose}`, 32));
  }

  private loadKey(): Buffer {
    this.key ??= readOrCreateKeyFile(secretsKeyFile(this.config.dataDir));
    return this.key;
  }
}

/**
 * 32 random bytes, base64, in `file`: made 0600 (in a 0700 folder) by whichever instance comes
 * first, read by all. For every installation secret kept outside the database.
 */
export function readOrCreateKeyFile(file: string): Buffer {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  try {
    // 'wx' fails if another instance made the key first; then we read theirs.
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} must hold 32 bytes, base64-encoded`);
  return key;
}
