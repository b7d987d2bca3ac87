import { Inject, Injectable } from '@nestjs/common';
import { createHmac, hkdfSync } from 'node:crypto';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { readOrCreateKeyFile } from '../mail/secret-box';

export function channelSecretFile(dataDir: string): string {
  return join(dataDir, 'keys', 'report-channel.key');
}

/**
 * The installation-wide secret of the channel, 32 random bytes in DATA_DIR/keys/report-channel.key
 * (made 0600 on first use, like secrets.key, by the same loader; share it between instances, back it up). From it come
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
    this.secret ??= readOrCreateKeyFile(channelSecretFile(this.config.dataDir));
    return this.secret;
  }
}
