import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { settle } from '../../../testing/async';
import { translocoTesting } from '../../../testing/transloco-testing';
import { AuditReport, ReportCheck } from './audit-models';
import { POLL_INTERVAL_MS, ReportArchive } from './report-archive';

const ARCHIVE = '/api/organizations/org-1/audit-reports';

const DONE: AuditReport = {
  id: 'r-1',
  periodStart: '2026-01-01',
  periodEnd: '2026-06-30',
  lang: 'id',
  status: 'done',
  sha256: 'a'.repeat(64),
  signature: 'c2lnbmF0dXJl',
  keyId: 'key-2026',
  headSeq: 42,
  headHash: 'b'.repeat(64),
  pages: 7,
  error: null,
  createdAt: '2026-07-01T02:00:00Z',
  finishedAt: '2026-07-01T02:00:09Z',
  downloads: 3,
};

const CHECK: ReportCheck = {
  sha256: DONE.sha256 ?? '',
  signature: 'c2lnbmF0dXJl',
  keyId: 'key-2026',
  signatureValid: true,
  headSeq: 42,
  headHash: 'b'.repeat(64),
};

describe('ReportArchive', () => {
  let fixture: ComponentFixture<ReportArchive>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [ReportArchive, translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ReportArchive);
    fixture.componentRef.setInput('orgId', 'org-1');
    page = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => {
    backend.verify();
    jest.useRealTimers();
  });

  function button(text: string): HTMLButtonElement {
    const found = Array.from(
      page.querySelectorAll<HTMLButtonElement>('button'),
    ).find((b) => b.textContent?.trim().startsWith(text));
    if (!found) throw new Error(`no button "${text}"`);
    return found;
  }

  function type(id: string, value: string): void {
    const input = page.querySelector<HTMLInputElement | HTMLSelectElement>(
      `#${id}`,
    );
    if (!input) throw new Error(`no #${id}`);
    input.value = value;
    input.dispatchEvent(
      new Event(input.tagName === 'SELECT' ? 'change' : 'input'),
    );
  }

  function submit(): void {
    page.querySelector('form')?.dispatchEvent(new Event('submit'));
  }

  /** Renders without waiting for stability: a request in flight keeps the page from being stable. */
  async function turn(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    fixture.detectChanges();
  }

  async function loaded(reports: AuditReport[]): Promise<void> {
    fixture.detectChanges();
    backend.expectOne(ARCHIVE).flush(reports);
    await settle(fixture);
  }

  describe('while reports are being generated', () => {
    beforeEach(() => jest.useFakeTimers());

    /** Lets timers, promises and rendering run, as `settle` does under real timers. */
    async function pass(ms: number): Promise<void> {
      await jest.advanceTimersByTimeAsync(ms);
    }

    it('reads the archive every 3 seconds and stops once every report is done', async () => {
      fixture.detectChanges();
      backend
        .expectOne(ARCHIVE)
        .flush([{ ...DONE, id: 'r-2', status: 'queued', sha256: null }, DONE]);
      await pass(0);
      expect(page.querySelector('p[role="status"]')?.textContent).toContain(
        'Reports being generated: 1.',
      );

      // Rendering takes a frame or so: the next read is due about 3 seconds later.
      await pass(POLL_INTERVAL_MS - 500);
      backend.expectNone(ARCHIVE);
      await pass(1000);
      backend
        .expectOne(ARCHIVE)
        .flush([{ ...DONE, id: 'r-2', status: 'running', sha256: null }, DONE]);
      await pass(0);

      await pass(POLL_INTERVAL_MS + 500);
      backend.expectOne(ARCHIVE).flush([{ ...DONE, id: 'r-2' }, DONE]);
      await pass(0);
      expect(page.querySelector('p[role="status"]')?.textContent).toContain(
        'All reports have finished generating.',
      );

      await pass(POLL_INTERVAL_MS * 3);
      backend.expectNone(ARCHIVE);
    });

    it('stops reading when the component goes away', async () => {
      fixture.detectChanges();
      backend
        .expectOne(ARCHIVE)
        .flush([{ ...DONE, status: 'running', sha256: null }]);
      await pass(0);

      fixture.destroy();
      await pass(POLL_INTERVAL_MS * 2);
      backend.expectNone(ARCHIVE);
    });
  });

  it('does not poll when nothing is in progress', async () => {
    await loaded([
      DONE,
      { ...DONE, id: 'r-3', status: 'failed', error: 'PDF service timed out' },
    ]);
    expect(page.querySelectorAll('tbody tr')).toHaveLength(2);
    expect(page.textContent).toContain('PDF service timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
    backend.expectNone(ARCHIVE);
  });

  it('generates a report for the period and language chosen', async () => {
    await loaded([]);
    expect(page.querySelector<HTMLSelectElement>('#report-lang')?.value).toBe(
      'id',
    );
    type('report-periodStart', '2026-01-01');
    type('report-periodEnd', '2026-06-30');
    type('report-lang', 'en');
    submit();

    const req = backend.expectOne(
      (r) => r.method === 'POST' && r.url === ARCHIVE,
    );
    expect(req.request.body).toEqual({
      periodStart: '2026-01-01',
      periodEnd: '2026-06-30',
      lang: 'en',
    });
    req.flush(
      { id: 'r-9', status: 'queued' },
      { status: 202, statusText: 'Accepted' },
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    backend
      .expectOne((r) => r.method === 'GET' && r.url === ARCHIVE)
      .flush([{ ...DONE, id: 'r-9', status: 'done' }]);
    await settle(fixture);
    expect(page.querySelector('.alert-success')?.textContent).toContain(
      'The report has been queued.',
    );
  });

  it('sends nothing without both dates, and says why at the fields', async () => {
    await loaded([]);
    type('report-periodStart', '2026-06-30');
    submit();
    await fixture.whenStable();

    backend.expectNone((r) => r.method === 'POST');
    const end = page.querySelector('#report-periodEnd');
    expect(end?.getAttribute('aria-invalid')).toBe('true');
    expect(
      page.querySelector('#report-periodEnd-error')?.textContent,
    ).toContain('This field is required.');
    expect(document.activeElement).toBe(end);

    type('report-periodEnd', '2026-01-01');
    submit();
    await fixture.whenStable();
    backend.expectNone((r) => r.method === 'POST');
    expect(
      page.querySelector('#report-periodEnd-error')?.textContent,
    ).toContain('The last day cannot be before the first day.');
  });

  it('shows the server’s field errors next to their fields', async () => {
    await loaded([]);
    type('report-periodStart', '2026-01-01');
    type('report-periodEnd', '2026-06-30');
    submit();
    backend
      .expectOne((r) => r.method === 'POST')
      .flush(
        {
          statusCode: 400,
          message: 'periodEnd must not be before periodStart',
          fields: [
            { field: 'periodEnd', message: 'must not be before periodStart' },
          ],
        },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle(fixture);

    const end = page.querySelector('#report-periodEnd');
    expect(end?.getAttribute('aria-invalid')).toBe('true');
    expect(end?.getAttribute('aria-describedby')).toBe(
      'report-periodEnd-error report-form-error',
    );
    expect(
      page.querySelector('#report-periodEnd-error')?.textContent,
    ).toContain('Not accepted: must not be before periodStart');
    expect(
      page.querySelector('#report-periodStart')?.getAttribute('aria-invalid'),
    ).toBe('false');
  });

  it('says so when the PDF service is unavailable (503)', async () => {
    await loaded([]);
    type('report-periodStart', '2026-01-01');
    type('report-periodEnd', '2026-06-30');
    submit();
    backend
      .expectOne((r) => r.method === 'POST')
      .flush(
        { statusCode: 503, message: 'PDF service unavailable' },
        { status: 503, statusText: 'Service Unavailable' },
      );
    await settle(fixture);

    expect(page.querySelector('#report-form-error')?.textContent).toContain(
      'The PDF service is unavailable at the moment.',
    );
  });

  it('links the PDF of a done report for download', async () => {
    await loaded([
      DONE,
      { ...DONE, id: 'r-2', status: 'queued', sha256: null },
    ]);
    const links = page.querySelectorAll<HTMLAnchorElement>('tbody a');
    expect(links).toHaveLength(1);
    expect(links[0].getAttribute('href')).toBe('/api/audit-reports/r-1/pdf');
    // Polling started for the queued report; its next read is not part of this test.
    fixture.destroy();
  });

  describe('signature check', () => {
    async function openCheck(): Promise<void> {
      await loaded([DONE]);
      button('Check signature').click();
      await turn();
    }

    function answer(check: ReportCheck): void {
      backend.expectOne('/api/audit-reports/r-1/verify').flush(check);
      backend.expectOne('/api/keys/audit-reports').flush({
        keys: [
          {
            keyId: 'key-2026',
            algorithm: 'ed25519',
            publicKeyPem:
              '-----BEGIN PUBLIC KEY-----\nMCow\n-----END PUBLIC KEY-----',
            retired: false,
          },
        ],
      });
    }

    it('shows a valid signature with its facts and how to check it offline', async () => {
      await openCheck();
      expect(document.activeElement?.id).toBe('check-heading');
      expect(
        page.querySelector('.panel [role="status"]')?.textContent,
      ).toContain('Checking the signature');
      answer(CHECK);
      await settle(fixture);

      const verdict = page.querySelector('.panel .verdict');
      expect(verdict?.classList).toContain('verdict-valid');
      expect(verdict?.textContent).toContain('✓');
      expect(verdict?.textContent).toContain('Signature valid');
      const panel = page.querySelector('.panel')?.textContent ?? '';
      expect(panel).toContain('a'.repeat(64));
      expect(panel).toContain('key-2026');
      expect(panel).toContain('BEGIN PUBLIC KEY');
      expect(panel).toContain("echo 'c2lnbmF0dXJl' | base64 -d > report.sig");
      expect(panel).toContain(
        'openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in report.pdf -sigfile report.sig',
      );
      expect(panel).toContain(
        "c.verify(null,f.readFileSync('report.pdf'),c.createPublicKey(f.readFileSync('key.pem')),Buffer.from('c2lnbmF0dXJl','base64'))",
      );
    });

    it('shows an invalid signature with a cross and in words', async () => {
      await openCheck();
      answer({ ...CHECK, signatureValid: false });
      await settle(fixture);

      const verdict = page.querySelector('.panel .verdict');
      expect(verdict?.classList).toContain('verdict-invalid');
      expect(verdict?.textContent).toContain('✗');
      expect(verdict?.textContent).toContain('Signature NOT valid');
    });

    it('shows why the check could not be made', async () => {
      await openCheck();
      backend
        .expectOne('/api/audit-reports/r-1/verify')
        .flush(
          { statusCode: 409, message: 'The report is running' },
          { status: 409, statusText: 'Conflict' },
        );
      backend.expectOne('/api/keys/audit-reports').flush({ keys: [] });
      await settle(fixture);

      expect(page.querySelector('.panel .verdict')).toBeNull();
      expect(
        page.querySelector('.panel [role="alert"]')?.textContent,
      ).toContain('The report is running');
    });

    it('closes and gives the focus back to the report’s button', async () => {
      await openCheck();
      answer(CHECK);
      await settle(fixture);
      button('Close the signature check').click();
      await settle(fixture);

      expect(page.querySelector('.panel')).toBeNull();
      expect(document.activeElement?.id).toBe('check-r-1');
    });
  });

  it('lists who downloaded a report', async () => {
    await loaded([DONE]);
    button('Who downloaded').click();
    await turn();
    backend.expectOne(`${ARCHIVE}/r-1/downloads`).flush([
      { at: '2026-07-02T03:00:00Z', userName: 'Dewi Auditor', role: 'auditor' },
      { at: '2026-07-03T03:00:00Z', userName: 'Budi HR', role: 'hr_admin' },
    ]);
    await settle(fixture);

    const rows = page.querySelectorAll('.panel tbody tr');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('Dewi Auditor');
    expect(rows[0].textContent).toContain('Auditor');
    expect(rows[1].textContent).toContain('HR admin');
    expect(page.querySelector('.panel caption')?.textContent).toContain(
      'Downloads of this report (2)',
    );
  });
});
