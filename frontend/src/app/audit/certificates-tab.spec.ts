import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import {
  CompletionRow,
  OrganizationCertificate,
} from '../core/audit/audit-models';
import { CertificatesTab } from './certificates-tab';

const LIST = '/api/organizations/org-1/certificates';
const FIGURES = '/api/organizations/org-1/reports/completion';

const CERTIFICATE: OrganizationCertificate = {
  serial: 'ABCD-EFGH-JKLM-NPQR-STUV',
  holder: 'Siti Rahma',
  unitId: 'u-2',
  unitName: 'Finance',
  moduleSlug: 'power-relations',
  module: 'Power relations at work',
  moduleVersion: '0123456789abcdef0123',
  issuedAt: '2026-02-10T03:00:00Z',
  expiresOn: '2028-02-10',
  score: 85,
  revokedAt: null,
  expired: false,
  pdfUrl: '/api/certificates/ABCD-EFGH-JKLM-NPQR-STUV/pdf',
  verifyUrl: 'https://aman.example.org/verify/ABCD-EFGH-JKLM-NPQR-STUV',
};

const figures = (rows: Partial<CompletionRow>[]) => rows as CompletionRow[];

describe('CertificatesTab (the auditor of a named engagement)', () => {
  let fixture: ComponentFixture<CertificatesTab>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [CertificatesTab, translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(CertificatesTab);
    fixture.componentRef.setInput('orgId', 'org-1');
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });

  afterEach(() => backend.verify());

  function list(): TestRequest {
    return backend.expectOne((r) => r.url === LIST);
  }

  async function loadFilters(): Promise<void> {
    backend
      .expectOne(
        (r) => r.url === FIGURES && r.params.get('groupBy') === 'module',
      )
      .flush(
        figures([
          { group: 'Power relations at work', groupId: 'power-relations' },
          { group: 'All', groupId: null },
        ]),
      );
    backend
      .expectOne((r) => r.url === FIGURES && r.params.get('groupBy') === 'unit')
      .flush(
        figures([
          { group: 'Head office', groupId: 'u-1' },
          { group: 'Finance', groupId: 'u-2', parentId: 'u-1' },
        ]),
      );
    await settle(fixture);
  }

  function set(id: string, value: string): void {
    const field = page.querySelector<HTMLInputElement | HTMLSelectElement>(
      `#${id}`,
    );
    if (!field) throw new Error(`no #${id}`);
    field.value = value;
    field.dispatchEvent(
      new Event(field.tagName === 'SELECT' ? 'change' : 'input'),
    );
  }

  it('shows a loading state, then the certificates with unit, score, version and links to open them', async () => {
    expect(page.querySelector('[role="status"]')?.textContent).toContain(
      'Loading',
    );
    const request = list();
    expect(request.request.params.get('page')).toBe('1');
    request.flush({ items: [CERTIFICATE], total: 1, page: 1, pageSize: 25 });
    await loadFilters();

    expect(page.querySelector('h2')?.textContent).toContain('Certificates');
    expect(page.querySelector('caption')?.textContent).toContain(
      'Certificates (1)',
    );
    const row = page.querySelector('tbody tr') as HTMLElement;
    expect(row.querySelector('th[scope="row"]')?.textContent).toContain(
      'Siti Rahma',
    );
    expect(row.textContent).toContain('ABCD-EFGH-JKLM-NPQR-STUV');
    expect(row.textContent).toContain('Finance');
    expect(row.textContent).toContain('Power relations at work');
    expect(row.textContent).toContain('85');
    expect(row.textContent).toContain('0123456789ab');
    const links = Array.from(row.querySelectorAll('a')).map((a) =>
      a.getAttribute('href'),
    );
    expect(links).toEqual([CERTIFICATE.pdfUrl, CERTIFICATE.verifyUrl]);
  });

  it('sends the filters to the server and starts again on page 1', async () => {
    list().flush({ items: [CERTIFICATE], total: 60, page: 1, pageSize: 25 });
    await loadFilters();
    (
      page.querySelector('.pager button:last-of-type') as HTMLButtonElement
    ).click();
    fixture.detectChanges();
    const second = list();
    expect(second.request.params.get('page')).toBe('2');
    second.flush({ items: [CERTIFICATE], total: 60, page: 2, pageSize: 25 });
    await settle(fixture);

    expect(
      Array.from(page.querySelectorAll('#audit-certificates-unit option')).map(
        (o) => o.textContent?.trim(),
      ),
    ).toEqual(['All units', 'Head office', 'Finance']);
    set('audit-certificates-search', '  rahma ');
    set('audit-certificates-module', 'power-relations');
    set('audit-certificates-unit', 'u-1');
    page.querySelector('form')?.dispatchEvent(new Event('submit'));
    fixture.detectChanges();
    const filtered = list();
    expect(filtered.request.params.get('q')).toBe('rahma');
    expect(filtered.request.params.get('module')).toBe('power-relations');
    expect(filtered.request.params.get('unitId')).toBe('u-1');
    expect(filtered.request.params.get('page')).toBe('1');
    filtered.flush({ items: [], total: 0, page: 1, pageSize: 25 });
    await settle(fixture);
    expect(page.textContent).toContain('No certificates match.');
  });

  it('says plainly that an aggregate engagement shows no certificates (403), without a retry', async () => {
    list().flush(
      {
        statusCode: 403,
        message:
          'Individual certificates are open only to a named engagement; this engagement is aggregate',
      },
      { status: 403, statusText: 'Forbidden' },
    );
    await loadFilters();
    expect(page.textContent).toContain(
      'This engagement covers aggregate figures only.',
    );
    expect(page.querySelector('table')).toBeNull();
    expect(page.querySelector('[role="alert"]')?.textContent?.trim()).toBe('');
    expect(
      Array.from(page.querySelectorAll('button')).map((b) =>
        b.textContent?.trim(),
      ),
    ).not.toContain('Try again');
  });

  it('shows a failed load with a retry', async () => {
    list().flush(
      {
        statusCode: 500,
        message: 'Something went wrong on our side. It has been logged.',
      },
      { status: 500, statusText: 'Server Error' },
    );
    await loadFilters();
    expect(page.querySelector('[role="alert"]')?.textContent).toContain(
      'Something went wrong',
    );
    const retry = Array.from(page.querySelectorAll('button')).find(
      (b) => b.textContent?.trim() === 'Try again',
    ) as HTMLButtonElement;
    retry.click();
    fixture.detectChanges();
    list().flush({ items: [], total: 0, page: 1, pageSize: 25 });
    await settle(fixture);
    expect(page.textContent).toContain('No certificates issued yet.');
  });
});
