import { Inject, Injectable } from '@nestjs/common';
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../config/config';

export function channelSecretFile(dataDir: string): string {
  return join(dataDir, 'keys', 'report-channel.key');
}

/**
 * The installation-wide secret of the channel, 32 random bytes in DATA_DIR/keys/report-channel.key
 * (made 0600 on first use, like secrets.key; share it between instances, back it up). From it come
 * the argon2id salt of receipt look-ups (so a receipt is found without knowing its organisation, and
 * a dump without this file cannot even test guesses) and the daily keys that blind client addresses.
 */
@Injectable()
export class ChannelSecret {
  private secret: Buffer | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  receiptSalt(): Buffer {
    return this.derive('receipt-lookup');
  }

  /** HMAC-SHA256 of the address under a key that changes at midnight UTC; the address is never stored. */
  addressMac(address: string, day: string): string {
    return createHmac('sha256', this.derive(`address:${day}`)).update(address, 'utf8').digest('hex');
  }

  private derive(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.load(), Buffer.alloc(0), `aman.report-channel.${purpose}`, 32));
  }

  private load(): Buffer {
    if (this.secret) return this.secret;
    const file = channelSecretFile(this.config.dataDir);
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    try {
      // 'wx' fails if another instance made it first; then we read theirs.
      writeFileSync(file, randomBytes(32).toString('base64') + '\n', { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (secret.length !== 32) throw new Error(`${file} must hold 32 bytes, base64-encoded`);
    this.secret = secret;
    return secret;
  }
}
