import { HttpException, HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, type EntityManager } from 'typeorm';
import { fieldError } from '../common/validation';
import { tokenHash, randomToken } from '../identity/crypto';
import { MAX_ATTACHMENTS, MAX_ATTACHMENTS_TOTAL_BYTES, stripAttachmentMetadata } from './attachment-metadata';
import { categoryLabels } from './category-labels';
import { ChannelSecret } from './channel-secret';
import { deriveFromSecret, deriveFromToken, newDataKey, newReceipt, normalizeReceipt, open, seal, sealFor, sealText } from './channel-crypto';
import { attachmentContext, fieldContext, recipientKeyContext, reporterKeyContext, reporterSessionContext } from './contexts';
import { ReportContent } from './report-content';
import {
  type ChannelDto,
  type ReceiptDto,
  type ReporterReportDto,
  SATGAS_RECIPIENT,
  type SubmitReportDto,
} from './report-channel.dto';
import { ReportChannelRepository } from './report-channel.repository';

/** The part of a multer file a submission reads. */
export interface UploadedFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

/**
 * Receipt guesses: per blinded address and day (then 429), and for the whole installation per
 * minute, past which every answer is only slowed down, so that nobody can lock every reporter out.
 */
export const RECEIPT_LIMITS = { perAddressPerDay: 20, globalPerMinute: 600, delayPerExtraMs: 10, maxDelayMs: 5000 } as const;
export const REPORTER_SESSION_MINUTES = 30;

export function globalDelayMs(hitsThisMinute: number): number {
  const extra = hitsThisMinute - RECEIPT_LIMITS.globalPerMinute;
  return extra <= 0 ? 0 : Math.min(RECEIPT_LIMITS.maxDelayMs, extra * RECEIPT_LIMITS.delayPerExtraMs);
}

const NO_REPORT = 'No report has this receipt. Check the 16 digits and try again.';

/**
 * The public side of the channel: submission with a receipt, and the reporter's follow-up. The
 * receipt is never stored: only argon2id(receipt, installation salt) to find the report, and the
 * report's data key wrapped under argon2id(receipt, per-report salt).
 */
@Injectable()
export class ReportChannelService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ReportChannelRepository,
    private readonly secret: ChannelSecret,
    private readonly content: ReportContent,
  ) {}

  async channel(orgCode: string, lang: 'id' | 'en'): Promise<ChannelDto> {
    const organization = await this.organization(orgCode);
    const partners = await this.repository.listReceivingPartners(organization.id);
    const satgas = await this.repository.satgasCanReceive(organization.id);
    const labels = categoryLabels(lang);
    return {
      organization: { name: organization.name },
      recipients: [
        ...partners.map((p) => ({ id: p.id, kind: 'partner' as const, name: p.name })),
        ...(satgas ? [{ id: SATGAS_RECIPIENT, kind: 'satgas' as const, name: lang === 'en' ? 'Task force (Satgas)' : 'Satgas PPKS' }] : []),
      ],
      categories: labels,
    };
  }

  async submit(orgCode: string, body: SubmitReportDto, files: UploadedFile[]): Promise<ReceiptDto> {
    const organization = await this.organization(orgCode);
    const { receipt } = await this.submitTo(organization.id, body, files);
    return { receipt };
  }

  /**
   * The one path a report takes into storage (public form or a handler recording a phone call):
   * checks, metadata stripping, data key, wrapping and the receipt. `alsoInTransaction` adds rows
   * that must commit with the report (e.g. a trail entry).
   */
  async submitTo(
    organizationId: string,
    body: SubmitReportDto,
    files: UploadedFile[],
    alsoInTransaction?: (m: EntityManager, reportId: string) => Promise<void>,
  ): Promise<{ receipt: string; reportId: string }> {
    if (files.length > MAX_ATTACHMENTS) throw fieldError('attachments', `at most ${MAX_ATTACHMENTS} files can be attached`);
    if (files.reduce((sum, f) => sum + f.size, 0) > MAX_ATTACHMENTS_TOTAL_BYTES) {
      throw fieldError('attachments', `attachments may hold at most ${MAX_ATTACHMENTS_TOTAL_BYTES / 1024 / 1024} MB in all`);
    }
    const receiving = new Set((await this.repository.listReceivingPartners(organizationId)).map((p) => p.id));
    const satgas = body.recipientIds.includes(SATGAS_RECIPIENT);
    const partnerIds = body.recipientIds.filter((id) => id !== SATGAS_RECIPIENT);
    const unknown = partnerIds.find((id) => !receiving.has(id));
    if (unknown !== undefined) throw fieldError('recipientIds', `${unknown} is not a recipient of this organisation's channel`);
    if (!partnerIds.length) throw fieldError('recipientIds', 'choose at least one partner');
    if (satgas && !(await this.repository.satgasCanReceive(organizationId))) {
      throw fieldError('recipientIds', "this organisation's Satgas cannot receive reports yet");
    }
    const clean = [];
    for (const file of files) clean.push(await stripAttachmentMetadata({ name: file.originalname, data: file.buffer }));

    const receipt = newReceipt();
    const reportId = randomUUID();
    const dataKey = newDataKey();
    const reporterSalt = randomBytes(16);
    const [receiptLookup, reporterKey] = await Promise.all([
      deriveFromSecret(receipt, this.secret.receiptSalt()),
      deriveFromSecret(receipt, reporterSalt),
    ]);
    const attachments = clean.map((file) => {
      const id = randomUUID();
      return {
        id,
        size: file.data.length,
        meta: sealText(dataKey, JSON.stringify({ name: file.name, type: file.type }), attachmentContext(reportId, id, 'meta')),
        data: seal(dataKey, file.data, attachmentContext(reportId, id, 'data')),
      };
    });
    await this.dataSource.transaction(async (m) => {
      const keys = await this.repository.recipientKeys(m, organizationId, partnerIds, satgas);
      await this.repository.insertReport(m, {
        id: reportId,
        organizationId,
        category: body.category,
        allowSatgasReferral: body.allowSatgasReferral,
        receiptLookup,
        reporterSalt,
        reporterKey: seal(reporterKey, dataKey, reporterKeyContext(reportId)),
        description: sealText(dataKey, body.description, fieldContext(reportId, 'description')),
        contact: body.contact ? sealText(dataKey, body.contact, fieldContext(reportId, 'contact')) : null,
      });
      await this.repository.insertRecipients(m, reportId, partnerIds, satgas);
      await this.repository.insertKeys(
        m,
        reportId,
        keys.map((k) => ({ userId: k.userId, wrappedKey: sealFor(k.publicKey, dataKey, recipientKeyContext(reportId, k.userId)) })),
      );
      await this.repository.insertAttachments(m, reportId, attachments);
      if (alsoInTransaction) await alsoInTransaction(m, reportId);
    });
    return { receipt, reportId };
  }

  /**
   * Receipt → a short-lived reporter token. A wrong receipt costs the same two argon2id runs as a
   * right one and answers the same 404. The token unlocks the receipt-derived key, which is stored
   * for the session only sealed under a key derived from the token (the database has its sha256).
   */
  async startSession(rawReceipt: string, clientAddress: string): Promise<{ token: string }> {
    const addressMac = this.secret.addressMac(clientAddress, new Date().toISOString().slice(0, 10));
    const [hits, globalHits] = await Promise.all([this.repository.reserveAddressAttempt(addressMac), this.repository.hitGlobal()]);
    if (hits > RECEIPT_LIMITS.perAddressPerDay) {
      throw new HttpException(
        { statusCode: 429, message: 'Too many receipts tried from this connection today. Try again tomorrow or from another connection.' },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    const delay = globalDelayMs(globalHits);
    if (delay) await sleep(delay);

    const receipt = normalizeReceipt(rawReceipt);
    const lookup = await deriveFromSecret(receipt, this.secret.receiptSalt());
    const report = /^\d{16}$/.test(receipt) ? await this.repository.findByReceiptLookup(lookup) : null;
    const reporterKey = await deriveFromSecret(receipt, report?.reporterSalt ?? randomBytes(16));
    if (!report?.reporterKey) throw new NotFoundException(NO_REPORT);
    // The receipt-derived key must open the data key, or this is not the receipt's report after all.
    try {
      open(reporterKey, report.reporterKey, reporterKeyContext(report.id));
    } catch {
      throw new NotFoundException(NO_REPORT);
    }
    await this.repository.releaseAddressAttempt(addressMac);
    const token = randomToken();
    await this.repository.createReporterSession(
      tokenHash(token),
      report.id,
      seal(deriveFromToken(token, 'reporter-session'), reporterKey, reporterSessionContext(report.id)),
      REPORTER_SESSION_MINUTES,
    );
    return { token };
  }

  async report(token: string | undefined): Promise<ReporterReportDto> {
    const { reportId, dataKey } = await this.unlock(token);
    const view = await this.content.read(reportId, dataKey);
    return {
      category: view.category,
      description: view.description,
      status: view.status,
      createdOn: view.createdOn,
      messages: view.messages,
      attachments: view.attachments,
    };
  }

  async addMessage(token: string | undefined, text: string): Promise<void> {
    const { reportId, dataKey } = await this.unlock(token);
    await this.content.addMessage(reportId, dataKey, 'reporter', text);
  }

  async attachment(token: string | undefined, attachmentId: string): Promise<{ name: string; type: string; data: Buffer }> {
    const { reportId, dataKey } = await this.unlock(token);
    return this.content.attachment(reportId, dataKey, attachmentId);
  }

  private async unlock(token: string | undefined): Promise<{ reportId: string; dataKey: Buffer }> {
    const session = token && token.length <= 200 ? await this.repository.findReporterSession(tokenHash(token)) : null;
    if (!session || !token) throw new NotFoundException('This follow-up session has ended: enter your receipt again');
    const reporterKey = open(deriveFromToken(token, 'reporter-session'), session.keySealed, reporterSessionContext(session.reportId));
    const report = await this.content.reporterWrappedKey(session.reportId);
    if (!report) throw new NotFoundException('This follow-up session has ended: enter your receipt again');
    return { reportId: session.reportId, dataKey: open(reporterKey, report, reporterKeyContext(session.reportId)) };
  }

  organizationReceivingFrom(partnerId: string, by: { id?: string; code?: string }): Promise<{ id: string } | null> {
    return this.repository.organizationReceivingFrom(partnerId, by);
  }

  private async organization(orgCode: string): Promise<{ id: string; name: string }> {
    const organization = /^[a-z0-9][a-z0-9-]{1,39}$/.test(orgCode) ? await this.repository.findOrganizationByCode(orgCode) : null;
    if (!organization) throw new NotFoundException('No organisation has this reporting link');
    return organization;
  }
}
