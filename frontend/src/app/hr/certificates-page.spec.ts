import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { Page } from '../core/http/page';
import { CertificatesPage } from './certificates-page';
import { IssuedCertificate } from './hr-models';

const CERTIFICATE: IssuedCertificate = {
  serial: '7K3M-Q9TX-4B2N-8WZR-1HDF',
  holder: 'Sari Wulandari',
  moduleSlug: 'basics',
  module: 'Recognising harassment',
  issuedAt: '2026-01-10T03:00:00Z',
  expiresOn: '2028-01-10',
  revokedAt: null,
  revokedReason: null,
  verifications: 7,
  expired: false,
};

function pageOf(items: IssuedCertificate[]): Page<IssuedCertificate> {
  return { items, total: items.length, page: 1, pageSize: 25 };
}

describe('CertificatesPage', () => {
  let fixture: ComponentFixture<CertificatesPage>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeAll(() => {
    // jsdom has <dialog> without its modal behaviour.
    HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
      this.open = true;
    };
    HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
      this.open = false;
      this.dispatchEvent(new Event('close'));
    };
  });

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [CertificatesPage, translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(CertificatesPage);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    backend.expectOne('/api/units').flush([
      { id: 'u1', code: 'SEKRETARIAT', name: 'Sekretariat', parentId: null },
      { id: 'u2', code: 'SEK-UMUM', name: 'Subbagian Umum', parentId: 'u1' },
    ]);
  });

  afterEach(() => backend.verify());

  function list(): TestRequest {
    return backend.expectOne((r) => r.url === '/api/certificates');
  }

  it('lists certificates with their status in words and how often they were verified', async () => {
    const req = list();
    expect(req.request.params.get('page')).toBe('1');
    req.flush(
      pageOf([
        CERTIFICATE,
        {
          ...CERTIFICATE,
          serial: 'AAAA-BBBB-CCCC-DDDD-EEEE',
          revokedAt: '2026-02-01T03:00:00Z',
          revokedReason: 'Issued to the wrong person',
          verifications: 0,
        },
      ]),
    );
    await settle(fixture);

    const rows = page.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('Valid');
    expect(rows[0].querySelector('.numeric')?.textContent?.trim()).toBe('7');
    expect(rows[1].textContent).toContain('Revoked');
    expect(rows[1].textContent).toContain('Issued to the wrong person');
    expect(rows[1].textContent).not.toContain('Revoke:');
  });

  it('filters by status and search text', async () => {
    list().flush(pageOf([CERTIFICATE]));
    await settle(fixture);

    const search = page.querySelector<HTMLInputElement>('#certificates-search');
    const status = page.querySelector<HTMLSelectElement>(
      '#certificates-status',
    );
    if (!search || !status) throw new Error('no filters');
    search.value = 'Sari';
    search.dispatchEvent(new Event('input'));
    status.value = 'expired';
    status.dispatchEvent(new Event('change'));
    page.querySelector('form')?.dispatchEvent(new Event('submit'));
    fixture.detectChanges();

    const req = list();
    expect(req.request.params.get('q')).toBe('Sari');
    expect(req.request.params.get('status')).toBe('expired');
    req.flush(pageOf([]));
    await settle(fixture);
    expect(page.textContent).toContain('No certificates match.');
  });

  it('revokes after confirming with a reason', async () => {
    list().flush(pageOf([CERTIFICATE]));
    await settle(fixture);

    page.querySelector<HTMLButtonElement>('tbody button')?.click();
    await fixture.whenStable();
    const dialog = page.querySelector('dialog');
    expect(dialog?.open).toBe(true);
    expect(dialog?.textContent).toContain('Sari Wulandari');

    dialog?.querySelector('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    backend.expectNone((r) => r.url.endsWith('/revoke'));
    expect(
      dialog?.querySelector('#revoke-reason-error')?.textContent,
    ).toContain('This field is required.');

    const reason = dialog?.querySelector<HTMLTextAreaElement>('#revoke-reason');
    if (!reason) throw new Error('no reason field');
    reason.value = 'Issued to the wrong person';
    reason.dispatchEvent(new Event('input'));
    dialog?.querySelector('form')?.dispatchEvent(new Event('submit'));
    const revoke = backend.expectOne(
      '/api/certificates/7K3M-Q9TX-4B2N-8WZR-1HDF/revoke',
    );
    expect(revoke.request.method).toBe('POST');
    expect(revoke.request.body).toEqual({
      reason: 'Issued to the wrong person',
    });
    revoke.flush({
      serial: CERTIFICATE.serial,
      revokedAt: '2026-02-01T03:00:00Z',
    });
    // Not settle(): the list is loading again, which keeps the page from being stable.
    await new Promise((resolve) => setTimeout(resolve, 0));
    fixture.detectChanges();

    expect(dialog?.open).toBe(false);
    list().flush(
      pageOf([{ ...CERTIFICATE, revokedAt: '2026-02-01T03:00:00Z' }]),
    );
    await settle(fixture);
    expect(page.querySelector('#certificates-revoked')?.textContent).toContain(
      'Certificate 7K3M-Q9TX-4B2N-8WZR-1HDF has been revoked.',
    );
  });

  it('offers every certificate of a chosen unit as one ZIP', async () => {
    list().flush({ items: [], total: 0, page: 1, pageSize: 25 });
    await settle(fixture);
    expect(page.querySelector('a[href*="bulk.zip"]')).toBeNull();
    const select = page.querySelector<HTMLSelectElement>('#bulk-zip-unit');
    if (!select) throw new Error('no unit select');
    expect(select.labels?.[0]?.textContent).toContain('Unit');
    select.value = 'u2';
    select.dispatchEvent(new Event('change'));
    await settle(fixture);
    const link = page.querySelector<HTMLAnchorElement>('a[href*="bulk.zip"]');
    expect(link?.getAttribute('href')).toBe('/api/certificates/bulk.zip?unitId=u2');
    expect(link?.hasAttribute('download')).toBe(true);
  });
});
