import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { open, openText, sealText } from './channel-crypto';
import { attachmentContext, fieldContext } from './contexts';
import type { AttachmentDto, CaseStatus, Category, Outcome, ReportMessageDto } from './report-channel.dto';
import { ReportChannelRepository } from './report-channel.repository';

export interface ReportView {
  id: string;
  organizationId: string;
  organizationName: string;
  category: Category;
  status: CaseStatus;
  createdOn: string;
  closedOn: string | null;
  outcome: Outcome | null;
  allowSatgasReferral: boolean;
  contentDeleted: boolean;
  description: string | null;
  contact: string | null;
  messages: ReportMessageDto[];
  attachments: AttachmentDto[];
}

/**
 * Reading and writing a report's content once its data key is in hand, for the reporter and for
 * recipients alike. Every ciphertext is bound to its report and field (AES-GCM additional data).
 */
@Injectable()
export class ReportContent {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ReportChannelRepository,
  ) {}

  reporterWrappedKey(reportId: string): Promise<Buffer | null> {
    return this.repository.getReporterWrappedKey(reportId);
  }

  async read(reportId: string, dataKey: Buffer): Promise<ReportView> {
    const report = await this.repository.getReport(reportId);
    if (!report) throw new NotFoundException('No such case');
    const [messages, attachments] = await Promise.all([this.repository.listMessages(reportId), this.repository.listAttachments(reportId)]);
    const decrypt = (sealed: Buffer | null, field: 'description' | 'contact') =>
      sealed ? openText(dataKey, sealed, fieldContext(reportId, field)) : null;
    return {
      id: report.id,
      organizationId: report.organizationId,
      organizationName: report.organizationName,
      category: report.category,
      status: report.status,
      createdOn: report.createdOn,
      closedOn: report.closedOn,
      outcome: report.outcome,
      allowSatgasReferral: report.allowSatgasReferral,
      contentDeleted: report.contentDeleted,
      description: decrypt(report.description, 'description'),
      contact: decrypt(report.contact, 'contact'),
      messages: messages.flatMap((m) => {
        if (!m.body) return [];
        const body = JSON.parse(openText(dataKey, m.body, fieldContext(reportId, 'message'))) as { text: string; at: string };
        return [{ from: m.author, text: body.text, at: body.at }];
      }),
      attachments: attachments.flatMap((a) => {
        if (!a.meta) return [];
        const meta = JSON.parse(openText(dataKey, a.meta, attachmentContext(reportId, a.id, 'meta'))) as { name: string };
        return [{ id: a.id, name: meta.name, size: a.size }];
      }),
    };
  }

  /** The exact time stays inside the ciphertext; the clear column holds the day only. */
  async addMessage(reportId: string, dataKey: Buffer, author: 'reporter' | 'handler', text: string): Promise<string> {
    const body = sealText(dataKey, JSON.stringify({ text, at: new Date().toISOString() }), fieldContext(reportId, 'message'));
    return this.dataSource.transaction(async (m) => {
      if (!(await this.repository.lockLiveContent(m, reportId))) throw new NotFoundException('This case no longer accepts messages');
      return this.repository.insertMessage(m, reportId, author, body);
    });
  }

  insertKey(manager: EntityManager, reportId: string, userId: string, wrappedKey: Buffer, sharedBy: string): Promise<void> {
    return this.repository.insertKeys(manager, reportId, [{ userId, wrappedKey, sharedBy }]);
  }

  async attachment(reportId: string, dataKey: Buffer, attachmentId: string): Promise<{ name: string; type: string; data: Buffer }> {
    const row = /^[0-9a-f-]{36}$/i.test(attachmentId) ? await this.repository.getAttachment(reportId, attachmentId) : null;
    if (!row?.meta || !row.data) throw new NotFoundException('No such attachment');
    const meta = JSON.parse(openText(dataKey, row.meta, attachmentContext(reportId, row.id, 'meta'))) as { name: string; type: string };
    return { name: meta.name, type: meta.type, data: open(dataKey, row.data, attachmentContext(reportId, row.id, 'data')) };
  }
}
