import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import { fieldError } from '../common/validation';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import { APP_CONFIG, type AppConfig } from '../config/config';
import {
  composeMail,
  DEFAULT_TEMPLATES,
  type EffectiveTemplates,
  LINK_PATHS,
  type Locale,
  LOCALES,
  type MailFacts,
  MAIL_TEMPLATE_KINDS,
  type MailTemplate,
  type MailTemplateKind,
  PLACEHOLDERS,
  textToHtml,
  validateTemplate,
} from './mail-templates';
import type {
  MailPreviewDto,
  MailTemplateDto,
  MailTemplateInputDto,
} from './mail-templates.dto';
import {
  MailTemplatesRepository,
  type MailTemplateRow,
} from './mail-templates.repository';

/** The facts a preview is written with, so the author sees a mail as a person would get it. */
export function sampleFacts(
  kind: MailTemplateKind,
  organizationName: string,
  now = new Date(),
): MailFacts[MailTemplateKind] {
  const inDays = (n: number) =>
    new Date(now.getTime() + n * 86_400_000).toISOString().slice(0, 10);
  const title = {
    id: 'Mengenali Pelecehan dan Kekerasan Seksual di Tempat Kerja',
    en: 'Recognising Sexual Harassment and Violence at Work',
  };
  const recipientName = 'Ayu Lestari';
  switch (kind) {
    case 'reminder':
      return {
        recipientName,
        organizationName,
        moduleTitle: title,
        dueOn: inDays(7),
        days: 7,
      };
    case 'overdue':
      return {
        recipientName,
        organizationName,
        moduleTitle: title,
        dueOn: inDays(-3),
        days: 3,
      };
    case 'escalation':
      return {
        recipientName: 'Budi Santoso',
        organizationName,
        items: [
          { person: 'Siti Rahma', title, dueOn: inDays(-10), days: 10 },
          { person: 'Rudi Hartono', title, dueOn: inDays(-8), days: 8 },
        ],
        total: 3,
      };
    case 'invitation':
      return { recipientName, organizationName, hours: 168 };
  }
}

/**
 * An organisation's own wording of its reminders, escalations and invitations, one (kind, language)
 * at a time, with a preview rendered exactly as the mailers render. The mailers ask `wordingOf` for
 * the templates to write with; changes go to the audit trail.
 */
@Injectable()
export class MailTemplatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: MailTemplatesRepository,
    private readonly auditTrail: AuditTrailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Every kind in every language: the organisation's own, or the default, flagged. */
  async list(organizationId: string): Promise<MailTemplateDto[]> {
    const rows = await this.repository.listForOrganization(organizationId);
    return MAIL_TEMPLATE_KINDS.flatMap((kind) =>
      LOCALES.map((lang) =>
        entry(
          kind,
          lang,
          rows.find((r) => r.kind === kind && r.lang === lang),
        ),
      ),
    );
  }

  async save(
    actor: Actor,
    organizationId: string,
    kindParam: string,
    langParam: string,
    input: MailTemplateInputDto,
  ): Promise<MailTemplateDto> {
    const { kind, lang } = parseKey(kindParam, langParam);
    const template = validateTemplate(kind, input);
    return this.dataSource.transaction(async (m) => {
      await this.repository.upsert(m, {
        organizationId,
        kind,
        lang,
        ...template,
        updatedBy: actor.userId,
      });
      await this.auditTrail.append(m, {
        organizationId,
        actorId: actor.userId,
        action: 'organization.mail_template_saved',
        targetType: 'organization',
        targetId: organizationId,
        details: { kind, lang },
      });
      return this.one(m, organizationId, kind, lang);
    });
  }

  /** Back to Aman's default; the trail records it only when there was a wording of its own. */
  async reset(
    actor: Actor,
    organizationId: string,
    kindParam: string,
    langParam: string,
  ): Promise<MailTemplateDto> {
    const { kind, lang } = parseKey(kindParam, langParam);
    return this.dataSource.transaction(async (m) => {
      if (await this.repository.delete(m, organizationId, kind, lang)) {
        await this.auditTrail.append(m, {
          organizationId,
          actorId: actor.userId,
          action: 'organization.mail_template_reset',
          targetType: 'organization',
          targetId: organizationId,
          details: { kind, lang },
        });
      }
      return this.one(m, organizationId, kind, lang);
    });
  }

  /**
   * The mail a person reading `lang` would get with this draft: the same composition the mailers
   * use, with sample facts; the other language's half in the organisation's current wording.
   */
  async preview(
    organizationId: string,
    kindParam: string,
    langParam: string,
    input: MailTemplateInputDto,
    now = new Date(),
  ): Promise<MailPreviewDto> {
    const { kind, lang } = parseKey(kindParam, langParam);
    const draft = validateTemplate(kind, input);
    const wording = await this.wordingOf(
      this.dataSource.manager,
      organizationId,
    );
    const templates = { ...wording.templates[kind], [lang]: draft } as Record<
      Locale,
      MailTemplate
    >;
    const link = `${this.config.publicUrl}${LINK_PATHS[kind]}${kind === 'invitation' ? 'example' : ''}`;
    const mail = composeMail(
      kind,
      sampleFacts(kind, wording.organizationName, now),
      lang,
      link,
      templates,
    );
    return {
      subject: mail.subject,
      text: mail.text,
      html: textToHtml(mail.text, this.config.publicUrl),
    };
  }

  /** What the mailers write with: the organisation's name and, per kind and language, its own template or the default. */
  async wordingOf(
    manager: EntityManager,
    organizationId: string,
  ): Promise<{ organizationName: string; templates: EffectiveTemplates }> {
    const found = await this.repository.wordingOf(manager, organizationId);
    const templates = Object.fromEntries(
      MAIL_TEMPLATE_KINDS.map((kind) => [
        kind,
        Object.fromEntries(
          LOCALES.map((lang) => {
            const own = found?.rows.find(
              (r) => r.kind === kind && r.lang === lang,
            );
            return [
              lang,
              own
                ? { subject: own.subject, body: own.body }
                : DEFAULT_TEMPLATES[kind][lang],
            ];
          }),
        ),
      ]),
    ) as EffectiveTemplates;
    return { organizationName: found?.organizationName ?? '', templates };
  }

  private async one(
    manager: EntityManager,
    organizationId: string,
    kind: MailTemplateKind,
    lang: Locale,
  ): Promise<MailTemplateDto> {
    const rows = await this.repository.listForOrganization(
      organizationId,
      manager,
    );
    return entry(
      kind,
      lang,
      rows.find((r) => r.kind === kind && r.lang === lang),
    );
  }
}

function entry(
  kind: MailTemplateKind,
  lang: Locale,
  own: MailTemplateRow | undefined,
): MailTemplateDto {
  const template = own ?? DEFAULT_TEMPLATES[kind][lang];
  return {
    kind,
    lang,
    subject: template.subject,
    body: template.body,
    isDefault: !own,
    placeholders: PLACEHOLDERS[kind],
    updatedAt: own?.updatedAt ?? null,
    updatedByName: own?.updatedByName ?? null,
  };
}

function parseKey(
  kind: string,
  lang: string,
): { kind: MailTemplateKind; lang: Locale } {
  if (!(MAIL_TEMPLATE_KINDS as readonly string[]).includes(kind))
    throw fieldError(
      'kind',
      `must be one of: ${MAIL_TEMPLATE_KINDS.join(', ')}`,
    );
  if (!(LOCALES as readonly string[]).includes(lang))
    throw fieldError('lang', `must be one of: ${LOCALES.join(', ')}`);
  return { kind: kind as MailTemplateKind, lang: lang as Locale };
}
