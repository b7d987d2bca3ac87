import { Injectable, Logger } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ChannelSecret } from '../report-channel/channel-secret';
import { deriveFromSecret, keyFromRecoveryKey, newDataKey, newKeyPair, newReceipt, newRecoveryKey, seal, sealFor, sealText } from '../report-channel/channel-crypto';
import { fieldContext, privateKeyContext, recipientKeyContext, reporterKeyContext } from '../report-channel/contexts';
import type { CaseStatus, Category, Outcome } from '../report-channel/report-channel.dto';

export const DEMO_HANDLER_EMAIL = 'handler@mitra.test';

interface DemoReport {
  category: Category;
  status: CaseStatus;
  outcome?: Outcome;
  daysAgo: number;
  closedDaysAgo?: number;
  description: string;
  contact?: string;
  messages: { from: 'reporter' | 'handler'; text: string }[];
}

const REPORTS: DemoReport[] = [
  {
    category: 'sexual_harassment',
    status: 'received',
    daysAgo: 2,
    description: 'Seorang atasan berulang kali mengirim pesan bernada seksual kepada saya di luar jam kerja.',
    messages: [],
  },
  {
    category: 'online_gbv',
    status: 'in_review',
    daysAgo: 12,
    description: 'Foto saya disebarkan di grup WhatsApp kantor tanpa izin, disertai komentar merendahkan.',
    contact: 'Email pribadi saya boleh dipakai: pelapor.demo@example.org',
    messages: [
      { from: 'handler', text: 'Terima kasih atas laporan Anda. Kami sedang menelaahnya. Apakah Anda menyimpan tangkapan layar?' },
      { from: 'reporter', text: 'Ya, saya masih punya beberapa tangkapan layar.' },
    ],
  },
  {
    category: 'retaliation',
    status: 'referred',
    daysAgo: 40,
    description: 'Setelah saya menjadi saksi dalam sebuah laporan, jadwal kerja saya diubah tanpa alasan.',
    messages: [{ from: 'handler', text: 'Dengan persetujuan Anda, kasus ini kami rujuk ke Satgas.' }],
  },
  {
    category: 'sexual_harassment',
    status: 'closed',
    outcome: 'resolved_informally',
    daysAgo: 75,
    closedDaysAgo: 20,
    description: 'Komentar tentang tubuh saya dalam rapat tim.',
    messages: [{ from: 'handler', text: 'Kasus ini kami tutup setelah mediasi yang Anda setujui. Terima kasih.' }],
  },
];

/**
 * The demo partner's case handler (password alone: the demo exempts them from the second factor
 * every other handler must use) with a key pair made here, and a few reports in every state,
 * encrypted and wrapped for that handler exactly as the channel does it.
 */
@Injectable()
export class DemoReportChannel {
  private readonly logger = new Logger('Demo');

  constructor(private readonly secret: ChannelSecret) {}

  async seed(m: EntityManager, ids: { organizationId: string; partnerId: string; passwordHash: string; password: string }): Promise<void> {
    const [handler] = await m.query(
      `INSERT INTO users (email, name, roles, password_hash, partner_id, totp_exempt) VALUES ($1, 'Rina Handayani', '{case_handler}', $2, $3, true) RETURNING id`,
      [DEMO_HANDLER_EMAIL, ids.passwordHash, ids.partnerId],
    );
    await m.query(`INSERT INTO case_handlers (user_id, partner_id, confirmed_on) VALUES ($1, $2, current_date)`, [handler.id, ids.partnerId]);
    const pair = newKeyPair();
    const passwordSalt = randomBytes(16);
    await m.query(
      `INSERT INTO recipient_keys (user_id, public_key, private_by_password, password_salt, private_by_recovery) VALUES ($1, $2, $3, $4, $5)`,
      [
        handler.id,
        pair.publicKey,
        seal(await deriveFromSecret(ids.password, passwordSalt), pair.privateKey, privateKeyContext(handler.id, 'password')),
        passwordSalt,
        seal(keyFromRecoveryKey(newRecoveryKey()), pair.privateKey, privateKeyContext(handler.id, 'recovery')),
      ],
    );
    const receipts: string[] = [];
    for (const r of REPORTS) {
      const id = randomUUID();
      const receipt = newReceipt();
      receipts.push(`${r.status}: ${receipt}`);
      const dataKey = newDataKey();
      const reporterSalt = randomBytes(16);
      await m.query(
        `INSERT INTO confidential_reports (id, organization_id, category, status, outcome, allow_satgas_referral, created_on, closed_on, purge_on,
                                           receipt_lookup, reporter_salt, reporter_key, description, contact)
         VALUES ($1, $2, $3, $4, $5, true, current_date - $6::int, current_date - $7::int, current_date - $7::int + 365, $8, $9, $10, $11, $12)`,
        [
          id,
          ids.organizationId,
          r.category,
          r.status,
          r.outcome ?? null,
          r.daysAgo,
          r.closedDaysAgo ?? null,
          await deriveFromSecret(receipt, this.secret.receiptSalt()),
          reporterSalt,
          seal(await deriveFromSecret(receipt, reporterSalt), dataKey, reporterKeyContext(id)),
          sealText(dataKey, r.description, fieldContext(id, 'description')),
          r.contact ? sealText(dataKey, r.contact, fieldContext(id, 'contact')) : null,
        ],
      );
      await m.query(`INSERT INTO confidential_report_recipients (report_id, kind, partner_id) VALUES ($1, 'partner', $2)`, [id, ids.partnerId]);
      await m.query(
        `INSERT INTO confidential_report_keys (report_id, user_id, wrapped_key, read_upto) VALUES ($1, $2, $3, $4)`,
        [id, handler.id, sealFor(pair.publicKey, dataKey, recipientKeyContext(id, handler.id)), r.status === 'received' ? null : 0],
      );
      for (const [i, msg] of r.messages.entries()) {
        const at = new Date(Date.now() - (r.daysAgo - i - 1) * 86400000).toISOString();
        await m.query(
          `INSERT INTO confidential_report_messages (report_id, author, created_on, body) VALUES ($1, $2, ($3::timestamptz)::date, $4)`,
          [id, msg.from, at, sealText(dataKey, JSON.stringify({ text: msg.text, at }), fieldContext(id, 'message'))],
        );
      }
    }
    // Demo only: receipts so that the reporter's follow-up can be tried on these reports.
    this.logger.log(`demo confidential reports (receipts): ${receipts.join(', ')}`);
  }
}
