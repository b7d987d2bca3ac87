import { Inject, Injectable, Logger, OnModuleInit, ServiceUnavailableException } from '@nestjs/common';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DataSource } from 'typeorm';
import { canonicalJson } from '../audit-trail/canonical';
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

/** What a report's head signature covers: the report's sha256 and the chain head at its generation. */
export interface HeadStatement {
  organizationId: string;
  reportId: string;
  reportSha256: string;
  headSeq: number;
  headHash: string | null;
}

export const HEAD_STATEMENT_TYPE = 'aman.audit-report-head';

/**
 * The signed bytes: UTF-8 of canonicalJson({ headHash, headSeq, organizationId, reportId, reportSha256,
 * type: "aman.audit-report-head" }). The type keeps a statement from being taken for any other signed data.
 */
export function headStatementBytes(s: HeadStatement): Buffer {
  return Buffer.from(
    canonicalJson({ type: HEAD_STATEMENT_TYPE, organizationId: s.organizationId, reportId: s.reportId, reportSha256: s.reportSha256, headSeq: s.headSeq, headHash: s.headHash }),
    'utf8',
  );
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
  /**
   * Public keys trusted for checking signatures, by key id: derived from the configured private key
   * and from the PEM files in AUDIT_TRUSTED_KEYS_DIR. Never read from the database, where anyone with
   * write access could put a key of their own beside a forged signature.
   */
  private trusted = new Map<string, KeyObject>();

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
      this.loadTrustedKeys();
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
    this.loadTrustedKeys();
    this.trusted.set(this.currentKeyId, publicKey);
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

  /** Whether this instance holds a signing key (production without AUDIT_SIGNING_KEY_FILE does not). */
  get canSign(): boolean {
    return Boolean(this.privateKey && this.currentKeyId);
  }

  sign(data: Buffer): { signature: string; keyId: string } {
    if (!this.privateKey || !this.currentKeyId) {
      throw new ServiceUnavailableException('Audit reports cannot be signed: set AUDIT_SIGNING_KEY_FILE to an Ed25519 private key (PEM)');
    }
    return { signature: sign(null, data, this.privateKey).toString('base64'), keyId: this.currentKeyId };
  }

  /** Every *.pem in the trusted directory, private (its public half is taken) or public; others are skipped with a warning. */
  private loadTrustedKeys(): void {
    const dir = this.config.auditTrustedKeysDir;
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.pem')).sort()) {
      try {
        const key = createPublicKey(readFileSync(join(dir, name)));
        if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 key');
        this.trusted.set(keyIdOf(key), key);
      } catch (error) {
        this.logger.warn(`${join(dir, name)} is not used to check signatures: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** Checks a signature with a trusted key (from files), never with a key row of the database. */
  verify(data: Buffer, signature: string, keyId: string): boolean {
    const key = this.trusted.get(keyId);
    if (!key || !signature) return false;
    try {
      return verify(null, data, key, Buffer.from(signature, 'base64'));
    } catch {
      return false;
    }
  }

  signHead(statement: HeadStatement): string {
    return this.sign(headStatementBytes(statement)).signature;
  }

  verifyHead(statement: HeadStatement, signature: string, keyId: string): boolean {
    return this.verify(headStatementBytes(statement), signature, keyId);
  }

  publishedKeys(): Promise<PublishedKey[]> {
    return this.dataSource.query(
      `SELECT key_id AS "keyId", algorithm, public_key_pem AS "publicKeyPem", created_at AS "createdAt", retired_at AS "retiredAt"
         FROM signing_keys ORDER BY retired_at NULLS FIRST, created_at DESC`,
    );
  }
}
