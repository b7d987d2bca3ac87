import { Inject, Injectable, Logger, OnModuleInit, ServiceUnavailableException } from '@nestjs/common';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';

export interface PublishedKey {
  keyId: string;
  algorithm: 'Ed25519';
  publicKeyPem: string;
  createdAt: Date;
  retiredAt: Date | null;
}

/** The key id: the first 16 hex characters of the sha256 of the public key (SPKI DER). */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/**
 * Signs audit reports with Ed25519 (node:crypto). The private key comes from AUDIT_SIGNING_KEY_FILE;
 * outside production without one, a key is made under DATA_DIR/keys on first run. Every public key
 * ever used stays published, so reports signed before a rotation keep verifying.
 */
@Injectable()
export class SigningKeysService implements OnModuleInit {
  private readonly logger = new Logger('SigningKeys');
  private privateKey: KeyObject | null = null;
  private currentKeyId: string | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private keyFile(): string | null {
    if (this.config.auditSigningKeyFile) return this.config.auditSigningKeyFile;
    if (this.config.env === 'production' && !this.config.embeddedDatabase) return null;
    return join(this.config.dataDir, 'keys', 'audit-signing-key.pem');
  }

  async onModuleInit(): Promise<void> {
    const file = this.keyFile();
    if (!file) {
      this.logger.warn('AUDIT_SIGNING_KEY_FILE is not set: audit reports cannot be signed until it is');
      return;
    }
    if (!existsSync(file)) {
      if (this.config.auditSigningKeyFile) throw new Error(`AUDIT_SIGNING_KEY_FILE points to a missing file: ${file}`);
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      const { privateKey } = generateKeyPairSync('ed25519');
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
      this.logger.log(`made a new audit-report signing key in ${file} (back it up with the database)`);
    }
    this.privateKey = createPrivateKey(readFileSync(file));
    if (this.privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 private key`);
    const publicKey = createPublicKey(this.privateKey);
    this.currentKeyId = keyIdOf(publicKey);
    await this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('aman.signing-keys'))`);
      await m.query(
        `INSERT INTO signing_keys (key_id, public_key_pem) VALUES ($1, $2)
         ON CONFLICT (key_id) DO UPDATE SET retired_at = NULL`,
        [this.currentKeyId, publicKey.export({ type: 'spki', format: 'pem' }).toString()],
      );
      // A rotation: the previous key stays published, marked retired.
      await m.query(`UPDATE signing_keys SET retired_at = now() WHERE key_id <> $1 AND retired_at IS NULL`, [this.currentKeyId]);
    });
  }

  sign(data: Buffer): { signature: string; keyId: string } {
    if (!this.privateKey || !this.currentKeyId) {
      throw new ServiceUnavailableException('Audit reports cannot be signed: set AUDIT_SIGNING_KEY_FILE to an Ed25519 private key (PEM)');
    }
    return { signature: sign(null, data, this.privateKey).toString('base64'), keyId: this.currentKeyId };
  }

  async verify(data: Buffer, signature: string, keyId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT public_key_pem FROM signing_keys WHERE key_id = $1`, [keyId]);
    if (!row) return false;
    return verify(null, data, createPublicKey(row.public_key_pem), Buffer.from(signature, 'base64'));
  }

  publishedKeys(): Promise<PublishedKey[]> {
    return this.dataSource.query(
      `SELECT key_id AS "keyId", algorithm, public_key_pem AS "publicKeyPem", created_at AS "createdAt", retired_at AS "retiredAt"
         FROM signing_keys ORDER BY retired_at NULLS FIRST, created_at DESC`,
    );
  }
}
