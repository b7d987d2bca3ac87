import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import type { Actor } from '../common/actor';
import { renderMarkdown } from '../common/markdown';
import type { Page } from '../common/pagination';
import type { PublishPolicyDto } from './policies.dto';
import { PoliciesRepository, type PolicyRow } from './policies.repository';
import { POLICY_TEMPLATES } from './policy-templates';

type Lang = 'id' | 'en';

/** Names compare without case, accents or extra spaces: "siti  rahma" signs for "Siti Rahma". */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
  return norm(a) === norm(b);
}

/**
 * Versioned policy and commitment declaration (Deklarasi Komitmen) texts that HR publishes and every
 * person signs by typing their full name. A new version asks everyone again.
 */
@Injectable()
export class PoliciesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: PoliciesRepository,
    private readonly auditTrail: AuditTrailService,
  ) {}

  private view(doc: PolicyRow, lang: Lang) {
    return { id: doc.id, kind: doc.kind, version: doc.version, title: doc.title[lang], body: renderMarkdown(doc.body[lang]), publishedAt: doc.publishedAt };
  }

  /** The text as signers will see it in both languages, and how many people will have to sign it. */
  async publishPreview(organizationId: string, dto: PublishPolicyDto) {
    const counts = await this.policies.publishPreview(organizationId, dto.kind);
    return {
      kind: dto.kind,
      ...counts,
      title: dto.title,
      body: { id: renderMarkdown(dto.body.id), en: renderMarkdown(dto.body.en) },
    };
  }

  templates() {
    return POLICY_TEMPLATES;
  }

  async publish(actor: Actor, organizationId: string, dto: PublishPolicyDto) {
    const doc = await this.dataSource.transaction(async (m) => {
      const published = await this.policies.publish(m, { organizationId, kind: dto.kind, title: dto.title, body: dto.body, publishedBy: actor.userId });
      await this.auditTrail.append(m, {
        organizationId,
        actorId: actor.userId,
        action: 'policy.published',
        targetType: 'policy_document',
        targetId: published.id,
        details: { kind: dto.kind, version: published.version },
      });
      return published;
    });
    return { ...doc, current: true };
  }

  list(organizationId: string) {
    return this.policies.listWithCounts(organizationId);
  }

  async mine(actor: Actor, organizationId: string, lang: Lang) {
    const docs = await this.policies.getCurrentForUser(organizationId, actor.userId);
    return docs.map((d) => ({ ...this.view(d, lang), signedAt: d.signedAt }));
  }

  async acknowledge(actor: Actor, organizationId: string, documentId: string, typedName: string) {
    const doc = await this.policies.getDocument(organizationId, documentId);
    if (!doc) throw new NotFoundException('Document not found');
    if (!doc.current) throw new ConflictException('A newer version of this document exists: sign the current one');
    if (!sameName(typedName, actor.name)) {
      throw new BadRequestException({
        statusCode: 400,
        message: `typedName must be your full name as on your account (${actor.name})`,
        fields: [{ field: 'typedName', message: 'does not match your full name' }],
      });
    }
    return this.dataSource.transaction(async (m) => {
      const { signedAt, created } = await this.policies.acknowledge(m, documentId, actor.userId, typedName);
      if (created) {
        await this.auditTrail.append(m, {
          organizationId,
          actorId: actor.userId,
          action: 'policy.acknowledged',
          targetType: 'policy_document',
          targetId: documentId,
          details: { kind: doc.kind, version: doc.version },
        });
      }
      return { documentId, signedAt };
    });
  }

  async signatures(organizationId: string, documentId: string, filter: { group?: 'leaders' | 'staff'; signed?: boolean }, page: number, pageSize: number): Promise<Page<unknown>> {
    if (!(await this.policies.getDocument(organizationId, documentId))) throw new NotFoundException('Document not found');
    const { items, total } = await this.policies.listSignatures(organizationId, documentId, filter, page, pageSize);
    return { items, total, page, pageSize };
  }
}
