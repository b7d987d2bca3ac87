import { Inject, Injectable } from '@nestjs/common';
import QRCode from 'qrcode';
import { type AppConfig, APP_CONFIG } from '../config/config';
import { DocumentsService } from '../documents/documents.service';
import { OrganizationsService } from '../organizations/organizations.service';

/** Both languages on one sheet: a poster hangs where people of either language pass. */
const TEXT = {
  id: {
    title: 'Mengalami atau melihat pelecehan?',
    lead: 'Laporkan secara rahasia kepada mitra independen, bukan kepada pimpinan atau SDM.',
    points: [
      'Tanpa akun, boleh tanpa nama.',
      'Hanya penerima yang Anda pilih yang dapat membaca laporan.',
      'Simpan nomor tanda terima untuk menindaklanjuti dan berkomunikasi.',
    ],
    scan: 'Pindai kode atau buka:',
    others: 'Saluran lain',
    independent: 'independen',
  },
  en: {
    title: 'Experienced or witnessed harassment?',
    lead: 'Report it confidentially to an independent partner, not to management or HR.',
    points: [
      'No account needed; your name is optional.',
      'Only the recipients you choose can read your report.',
      'Keep your receipt number to follow up and talk with them.',
    ],
    scan: 'Scan the code or open:',
    others: 'Other channels',
    independent: 'independent',
  },
} as const;

/** The printable A4 poster of an organisation's confidential channel (issue 11). */
@Injectable()
export class PosterService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly documents: DocumentsService,
    private readonly organizations: OrganizationsService,
  ) {}

  /** The public report page of an organisation, as printed and encoded in the QR code. */
  channelUrl(code: string): string {
    return `${this.config.publicUrl}/report/${encodeURIComponent(code)}`;
  }

  async poster(organizationId: string): Promise<{ pdf: Buffer; code: string }> {
    this.documents.ensureAvailable();
    const [organization, settings] = await Promise.all([
      this.organizations.get(organizationId),
      this.organizations.getSettings(organizationId),
    ]);
    const url = this.channelUrl(organization.code);
    const html = this.documents.renderHtml('report-channel-poster', {
      organization: organization.name,
      url,
      // High error correction: posters get folded, taped over and photographed at an angle.
      qrDataUrl: await QRCode.toDataURL(url, { errorCorrectionLevel: 'H', margin: 1, width: 600 }),
      id: TEXT.id,
      en: TEXT.en,
      channels: settings.channels.map((c) => ({ nameId: c.name.id, nameEn: c.name.en, contact: c.contact, independent: c.independent })),
    });
    return { pdf: await this.documents.pdf(html), code: organization.code };
  }
}
