import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { userWith } from '../../testing/users';
import { Engagement } from '../core/audit/engagement';
import { SessionStore } from '../core/session/session-store';
import { AuditPage, AuditorRead } from './audit-page';

const ORG = '/api/organizations/org-1';

const ENGAGEMENT: Engagement = {
  id: 'e-1',
  organizationId: 'org-1',
  organizationName: 'Dinas Sosial Provinsi Contoh',
  partnerId: 'partner-1',
  partnerName: 'Lembaga Audit Mitra',
  periodStart: '2026-01-01',
  periodEnd: '2026-12-31',
  scope: 'aggregate',
  active: true,
};

const READ: AuditorRead = {
  at: '2026-07-02T03:00:00Z',
  auditorName: 'Dewi Auditor',
  partnerName: 'Lembaga Audit Mitra',
  targetType: 'audit_report',
  targetId: 'r-1',
  details: { tab: 'findings' },
};

describe('AuditPage (HR)', () => {
  let fixture: ComponentFixture<AuditPage>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [AuditPage, translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    const signedIn = TestBed.inject(SessionStore).load();
    backend.expectOne('/api/me').flush(userWith(['employee', 'hr_admin']));
    await signedIn;

    fixture = TestBed.createComponent(AuditPage);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    backend
      .expectOne('/api/engagements')
      .flush([
        ENGAGEMENT,
        { ...ENGAGEMENT, id: 'e-2', organizationId: 'org-2' },
      ]);
    backend.expectOne(`${ORG}/auditor-reads`).flush([
      READ,
      { ...READ, targetType: 'trail', targetId: null, details: {} },
      {
        ...READ,
        targetType: 'route',
        targetId: 'GET /api/organizations/:orgId/reports/completion',
        details: {
          engagementId: 'e-1',
          path: '/api/organizations/org-1/reports/completion?groupBy=unit',
        },
      },
      {
        ...READ,
        targetType: 'certificate',
        targetId: 'ABCD-EFGH-JKMN-PQRS-TVWX',
        details: { engagementId: 'e-1' },
      },
    ]);
    backend.expectOne(`${ORG}/findings`).flush([]);
    // The archive and the findings each read the reports.
    for (const req of backend.match(`${ORG}/audit-reports`)) req.flush([]);
    backend
      .expectOne((r) => r.url === `${ORG}/audit-log/trail`)
      .flush({ items: [], total: 0, page: 1, pageSize: 50, actions: [], timeZone: 'Asia/Jakarta' });
    await settle(fixture);
  });

  afterEach(() => backend.verify());

  it('shows the organisation’s engagements read-only', () => {
    const section = page.querySelector(
      '[aria-labelledby="hr-audit-engagements"]',
    );
    expect(section?.querySelectorAll('tbody tr')).toHaveLength(1);
    expect(section?.textContent).toContain('Lembaga Audit Mitra');
    expect(section?.textContent).toContain('Active');
    expect(section?.querySelectorAll('button, a, input, select')).toHaveLength(
      0,
    );
  });

  it('lets HR generate reports too', () => {
    expect(page.querySelector('#report-periodStart')).not.toBeNull();
    expect(page.textContent).toContain('Generate report');
  });

  it('shows the whole trail in words, with the name search HR may use', () => {
    const section = page.querySelector('[aria-labelledby="hr-audit-trail"]');
    expect(section?.querySelector('aman-trail-viewer')).not.toBeNull();
    expect(section?.querySelector('#trail-actor')).not.toBeNull();
    expect(section?.textContent).not.toContain('people appear by their role only');
  });

  it('lists who looked at what', () => {
    const section = page.querySelector('[aria-labelledby="hr-audit-reads"]');
    expect(section?.querySelector('caption')?.textContent).toContain(
      'Reads by external auditors (4)',
    );
    const rows = section?.querySelectorAll('tbody tr') ?? [];
    expect(rows[0].textContent).toContain('Dewi Auditor');
    // Pages and objects in words, not routes, type names and JSON.
    expect(rows[0].querySelector('.read-target')?.textContent?.trim()).toBe(
      'An audit report',
    );
    expect(rows[0].textContent).toContain('tab: findings');
    expect(rows[0].textContent).not.toContain('{');
    expect(rows[2].querySelector('.read-target')?.textContent?.trim()).toBe(
      'Completion figures',
    );
    expect(rows[2].textContent).not.toContain('/api/');
    expect(rows[2].textContent).not.toContain('engagementId');
    expect(rows[3].querySelector('.read-target')?.textContent?.trim()).toBe(
      'Certificate ABCD-EFGH-JKMN-PQRS-TVWX',
    );
    // An empty cell says so to screen readers instead of being blank.
    expect(rows[1].querySelector('.visually-hidden')?.textContent).toBe('none');
  });
});
