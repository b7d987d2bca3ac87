import { ConflictException, ForbiddenException, Inject, Injectable, Logger, NotFoundException, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import type { Actor } from '../common/actor';
import { currentLanguage } from '../common/i18n/language';
import type { Page } from '../common/pagination';
import { RateLimiter } from '../common/rate-limit';
import { fieldError } from '../common/validation';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { CatalogService } from '../catalog/catalog.service';
import { DocumentsService } from '../documents/documents.service';
import { AccessService, type ActiveEngagement } from '../tenancy/access.service';
import type { CertificateListItemDto } from './certificates.dto';
import { type CertificateListFilter, CertificatesRepository, type CertificateRow } from './certificates.repository';
import { maskName, newSerial, normalizeSerial } from './serial';

type Lang = 'id' | 'en';

/** Certificates the background renderer claims and prints at a time (see renderPending). */
export const RENDER_CLAIM = 20;

/** The certificate's words in both languages (exported for the language test). */
export const CERTIFICATE_LABELS = {
  id: { title: 'Sertifikat Pelatihan', certifies: 'Dengan ini menerangkan bahwa', completed: 'telah menyelesaikan modul pelatihan', at: 'di', issued: 'Tanggal terbit', expires: 'Berlaku sampai', version: 'Versi modul', serial: 'Nomor seri', verify: 'Pindai untuk memverifikasi', score: 'Nilai kuis', duration: 'Perkiraan durasi', minutes: 'menit' },
  en: { title: 'Training Certificate', certifies: 'This certifies that', completed: 'has completed the training module', at: 'at', issued: 'Issued on', expires: 'Valid until', version: 'Module version', serial: 'Serial number', verify: 'Scan to verify', score: 'Quiz score', duration: 'Estimated duration', minutes: 'minutes' },
} as const;

export interface VerificationDto {
  serial: string;
  valid: boolean;
  holder: string;
  module: string;
  organization: string;
  issuedAt: Date;
  expiresAt: string;
  revoked: boolean;
  expired: boolean;
}

@Injectable()
export class CertificatesService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Certificates');
  private timer: NodeJS.Timeout | null = null;
  private rendering: Promise<number> | null = null;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: CertificatesRepository,
    private readonly documents: DocumentsService,
    private readonly catalog: CatalogService,
    private readonly auditTrail: AuditTrailService,
    private readonly access: AccessService,
    private readonly rateLimiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  verifyUrl(serial: string): string {
    return `${this.config.publicUrl}/verify/${serial}`;
  }

  /** Issued in the completion's transaction; the PDF is rendered later, off the request path. */
  async issue(
    manager: EntityManager,
    c: { completionId: string; assignmentId: string; organizationId: string; userId: string; slug: string; version: string; title: object },
  ): Promise<string> {
    const serial = newSerial();
    await this.repository.insert(manager, { ...c, serial });
    await this.auditTrail.append(manager, {
      organizationId: c.organizationId,
      actorId: c.userId,
      action: 'certificate.issued',
      targetType: 'certificate',
      targetId: serial,
      details: { module: c.slug, version: c.version },
    });
    return serial;
  }

  onApplicationBootstrap(): void {
    if (this.config.env === 'test' || !this.documents.available) return;
    this.timer = setInterval(() => {
      this.renderPending().catch((error: unknown) => this.logger.error(`rendering failed: ${String(error)}`));
    }, 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.rendering?.catch(() => undefined);
  }

  /**
   * Renders certificates waiting for their PDF, RENDER_CLAIM at a time; returns how many were stored.
   * Those of one language are printed together (DocumentsService.pdfEach: several to a Chromium print,
   * then split), since most of a certificate's cost is the print itself. If
   * such a print fails, its certificates are retried one by one, so that one certificate that fails
   * keeps its claim (retried after the claim expires, at most 5 times in all) while the rest go on;
   * claims not yet worked on when the app stops are handed back at once instead of waiting out the 2
   * minutes.
   */
  renderPending(limit = RENDER_CLAIM): Promise<number> {
    this.rendering ??= (async () => {
      const ids = await this.repository.claimUnrendered(limit);
      // Claims whose print has not started: handed back if the app stops (or the read fails) first.
      const waiting = new Set(ids);
      let done = 0;
      const stored = async (cert: CertificateRow, render: () => Promise<Buffer | null>) => {
        try {
          if (await render()) done++;
        } catch (error) {
          this.logger.warn(`certificate ${cert.id} could not be rendered, retried after its claim expires: ${String(error)}`);
        }
      };
      try {
        const certs = ids.length > 0 && !this.stopping ? await this.repository.findByIds(ids) : [];
        if (!this.stopping) waiting.clear(); // a claimed id without a row has nothing to hand back
        for (const cert of certs) waiting.add(cert.id);
        const byLanguage = (['id', 'en'] as const).map((lang) => certs.filter((c) => c.locale === lang)).filter((group) => group.length > 0);
        await Promise.all(
          byLanguage.map(async (group) => {
            if (this.stopping) return;
            for (const cert of group) waiting.delete(cert.id);
            let pdfs: Buffer[];
            try {
              pdfs = await this.documents.pdfEach(await Promise.all(group.map((cert) => this.html(cert))), { landscape: true });
            } catch (error) {
              this.logger.warn(`printing ${group.length} certificates together failed, printing them one by one: ${String(error)}`);
              for (const cert of group) {
                if (this.stopping) waiting.add(cert.id);
                else await stored(cert, () => this.renderAndStore(cert));
              }
              return;
            }
            for (const [i, cert] of group.entries()) await stored(cert, () => this.store(cert, pdfs[i]));
          }),
        );
      } finally {
        if (waiting.size > 0) await this.repository.releaseClaims([...waiting]);
      }
      return done;
    })().finally(() => (this.rendering = null));
    return this.rendering;
  }

  async html(cert: CertificateRow): Promise<string> {
    const lang = cert.locale;
    const verifyUrl = this.verifyUrl(cert.serial);
    return this.documents.renderHtml('certificate', {
      lang,
      t: CERTIFICATE_LABELS[lang],
      holder: cert.holder_name,
      module: cert.module_title[lang],
      organization: cert.organization_name,
      issuedOn: formatDate(cert.issued_on, lang),
      expiresOn: formatDate(cert.expires_on, lang),
      versionShort: cert.module_version.slice(0, 12),
      score: cert.score === null ? null : `${new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB').format(cert.score)}/100`,
      duration: this.catalog.get(cert.module_slug)?.estimatedMinutes ?? null,
      signatory: cert.signatory ? { name: cert.signatory.name, title: cert.signatory.title?.[lang] ?? '' } : null,
      serial: cert.serial,
      verifyUrl,
      // Vector paths: sharp at any zoom, and no image to decode and re-encode in each print.
      qrSvg: await QRCode.toString(verifyUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }),
    });
  }

  private async renderAndStore(cert: CertificateRow): Promise<Buffer | null> {
    const [pdf] = await this.documents.pdfEach([await this.html(cert)], { landscape: true });
    return this.store(cert, pdf);
  }

  private async store(cert: CertificateRow, pdf: Buffer): Promise<Buffer> {
    await this.repository.storePdf(cert.id, pdf, createHash('sha256').update(pdf).digest('hex'));
    return pdf;
  }

  /** Holder, HR of the organisation, or an auditor with a `named` engagement active today; anyone else 404. */
  async download(actor: Actor, rawSerial: string): Promise<{ pdf: Buffer; serial: string }> {
    const serial = normalizeSerial(rawSerial);
    const cert = serial ? await this.repository.findBySerial(serial) : null;
    if (!cert || !(await this.mayRead(actor, cert))) throw new NotFoundException('Certificate not found');
    const stored = await this.repository.getPdf(cert.id);
    if (stored) return { pdf: stored.pdf, serial: cert.serial };
    this.documents.ensureAvailable();
    await this.renderAndStore(cert);
    // Read back what was stored: if another instance stored first, everyone gets the same bytes.
    return { pdf: (await this.repository.getPdf(cert.id))!.pdf, serial: cert.serial };
  }

  private async mayRead(actor: Actor, cert: CertificateRow): Promise<boolean> {
    if (actor.userId === cert.user_id) return true;
    const grant = await this.access.authorize(actor, {
      organizationId: cert.organization_id,
      members: 'hr_admin',
      scope: 'named',
      target: { type: 'certificate', id: cert.serial },
    });
    return grant !== null;
  }

  /** Public: anyone holding a certificate can have it checked; the holder's name is masked. */
  async verify(rawSerial: string, clientKey: string, lang?: Lang): Promise<VerificationDto> {
    await this.rateLimiter.hit(`verify:${clientKey}`, 60, 60);
    const serial = normalizeSerial(rawSerial);
    const cert = serial ? await this.repository.findBySerial(serial) : null;
    if (!cert) throw new NotFoundException('No certificate has this serial number');
    await this.repository.countVerification(cert.id);
    const revoked = cert.revoked_at !== null;
    const expired = cert.expires_on <= cert.org_today;
    return {
      serial: cert.serial,
      valid: !revoked && !expired,
      holder: maskName(cert.holder_name),
      module: cert.module_title[lang ?? cert.locale],
      organization: cert.organization_name,
      issuedAt: cert.issued_at,
      expiresAt: cert.expires_on,
      revoked,
      expired,
    };
  }

  async revoke(actor: Actor, organizationId: string, rawSerial: string, reason: string): Promise<{ serial: string; revokedAt: Date }> {
    const serial = normalizeSerial(rawSerial);
    const cert = serial ? await this.repository.findBySerial(serial) : null;
    if (!cert || cert.organization_id !== organizationId) throw new NotFoundException('Certificate not found');
    await this.dataSource.transaction(async (m) => {
      if (!(await this.repository.revoke(m, cert.id, reason, actor.userId))) throw new ConflictException('This certificate is already revoked');
      await this.auditTrail.append(m, {
        organizationId,
        actorId: actor.userId,
        action: 'certificate.revoked',
        targetType: 'certificate',
        targetId: cert.serial,
        details: { reason },
      });
    });
    const after = await this.repository.findBySerial(cert.serial);
    return { serial: cert.serial, revokedAt: after!.revoked_at! };
  }

  /** The organisation's certificates, one page, module titles in the reader's language. */
  async list(organizationId: string, filter: CertificateListFilter, page: number, pageSize: number): Promise<Page<CertificateListItemDto>> {
    if (filter.unitId && !(await this.repository.unitOf(organizationId, filter.unitId))) {
      throw fieldError('unitId', 'there is no such unit in the organisation');
    }
    const lang = currentLanguage();
    const { items, total } = await this.repository.list(organizationId, filter, page, pageSize);
    return {
      items: items.map(({ moduleTitle, ...rest }) => ({
        ...rest,
        module: moduleTitle[lang],
        pdfUrl: `/api/certificates/${rest.serial}/pdf`,
        verifyUrl: this.verifyUrl(rest.serial),
      })),
      total,
      page,
      pageSize,
    };
  }

  /**
   * The same list under `/organizations/:orgId`: HR of the organisation, or an auditor whose
   * engagement (admitted by the TenancyGuard, which logged the read) is `named`. An `aggregate`
   * engagement sees no individual: 403, since the auditor knows the engagement and its scope.
   */
  listForOrganization(organizationId: string, engagement: ActiveEngagement | undefined, filter: CertificateListFilter, page: number, pageSize: number) {
    if (engagement && engagement.scope !== 'named') {
      throw new ForbiddenException('Individual certificates are open only to a named engagement; this engagement is aggregate');
    }
    return this.list(organizationId, filter, page, pageSize);
  }
}

function formatDate(isoDate: string, lang: Lang): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}
