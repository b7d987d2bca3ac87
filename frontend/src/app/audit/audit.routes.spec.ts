import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  Router,
  provideRouter,
  withComponentInputBinding,
} from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { translocoTesting } from '../../testing/transloco-testing';
import auditRoutes from './audit.routes';
import { Engagement } from '../core/audit/engagement';

const ENGAGEMENTS: Engagement[] = [
  {
    id: 'e-1',
    organizationId: 'org-7',
    organizationName: 'Dinas Sosial Provinsi Contoh',
    partnerId: 'partner-1',
    partnerName: 'Lembaga Audit Mitra',
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    scope: 'aggregate',
    active: true,
  },
  {
    id: 'e-2',
    organizationId: 'org-8',
    organizationName: 'PT Lama',
    partnerId: 'partner-1',
    partnerName: 'Lembaga Audit Mitra',
    periodStart: '2024-01-01',
    periodEnd: '2024-12-31',
    scope: 'named',
    active: false,
  },
];

describe('audit routes', () => {
  let harness: RouterTestingHarness;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(
          [{ path: 'audit', children: auditRoutes }],
          withComponentInputBinding(),
        ),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => backend.verify());

  async function flushed(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    harness.detectChanges();
  }

  it('links only active engagements to their organisation', async () => {
    await harness.navigateByUrl('/audit');
    backend.expectOne('/api/engagements').flush(ENGAGEMENTS);
    await flushed();

    const links = harness.routeNativeElement?.querySelectorAll('tbody a');
    expect(links).toHaveLength(1);
    expect(links?.[0].getAttribute('href')).toBe('/audit/organizations/org-7');
    expect(harness.routeNativeElement?.textContent).toContain('Ended');
  });

  it('opens an organisation on its figures, with its name and the tabs', async () => {
    await harness.navigateByUrl('/audit/organizations/org-7');
    expect(TestBed.inject(Router).url).toBe(
      '/audit/organizations/org-7/aggregates',
    );
    backend.expectOne('/api/engagements').flush(ENGAGEMENTS);
    // The figures and the module filter's options (groupBy=module) come from the same route.
    const figures = backend.match(
      (r) => r.url === '/api/organizations/org-7/reports/completion',
    );
    expect(figures.length).toBeGreaterThanOrEqual(1);
    figures.forEach((request) => request.flush([]));
    await flushed();

    const page = harness.routeNativeElement;
    expect(page?.querySelector('h1')?.textContent).toContain(
      'Dinas Sosial Provinsi Contoh',
    );
    const current = page?.querySelector('.sub-nav [aria-current="page"]');
    expect(current?.textContent?.trim()).toBe('Figures');
  });

  it.each([
    ['reports', '/api/organizations/org-7/audit-reports'],
    ['trail', '/api/organizations/org-7/audit-log/verify'],
  ])('hands the organisation id to the %s tab', async (tab, url) => {
    await harness.navigateByUrl(`/audit/organizations/org-7/${tab}`);
    // The reports tab reads the engagements too (its date pickers stay within the engagement).
    for (const req of backend.match('/api/engagements')) req.flush(ENGAGEMENTS);
    backend.expectOne(url).flush(
      tab === 'reports'
        ? []
        : {
            valid: true,
            entries: 0,
            headHash: null,
            headSeq: 0,
            firstBrokenAt: null,
            pending: 0,
          },
    );
    await flushed();
    // The trail tab's entries viewer reads the first page of the trail with the same id.
    for (const req of backend.match((r) => r.url === '/api/organizations/org-7/audit-log/trail')) {
      req.flush({ items: [], total: 0, page: 1, pageSize: 50, actions: [], timeZone: 'Asia/Jakarta' });
    }
    await flushed();
  });

  it.each([
    ['aggregate', false],
    ['named', true],
  ] as const)(
    'shows the Certificates tab for a %s engagement: %s',
    async (scope, shown) => {
      await harness.navigateByUrl('/audit/organizations/org-7/certificates');
      backend
        .expectOne('/api/engagements')
        .flush(ENGAGEMENTS.map((e) => (e.id === 'e-1' ? { ...e, scope } : e)));
      // The tab itself asks; the server answers an aggregate engagement 403.
      const list = backend.expectOne(
        (r) => r.url === '/api/organizations/org-7/certificates',
      );
      if (shown) list.flush({ items: [], total: 0, page: 1, pageSize: 25 });
      else
        list.flush(
          { statusCode: 403, message: 'no' },
          { status: 403, statusText: 'Forbidden' },
        );
      for (const r of backend.match(
        (r) => r.url === '/api/organizations/org-7/reports/completion',
      ))
        r.flush([]);
      await flushed();

      const tabs = Array.from(
        harness.routeNativeElement?.querySelectorAll('.sub-nav a') ?? [],
      ).map((a) => a.textContent?.trim());
      expect(tabs.includes('Certificates')).toBe(shown);
      if (shown) {
        expect(
          harness.routeNativeElement
            ?.querySelector('.sub-nav [aria-current="page"]')
            ?.textContent?.trim(),
        ).toBe('Certificates');
      } else {
        expect(harness.routeNativeElement?.textContent).toContain(
          'This engagement covers aggregate figures only.',
        );
      }
    },
  );
});
