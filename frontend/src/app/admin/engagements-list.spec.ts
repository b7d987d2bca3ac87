import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { nextRequest, settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { LanguageStore } from '../core/session/language-store';
import { EngagementRow, EngagementsList } from './engagements-list';
import { ORG_CODE, OrganizationsPage } from './organizations-page';

const ROWS: EngagementRow[] = [
  {
    id: 'e1',
    organizationName: 'Dinas Contoh',
    partnerName: 'LBH Mitra',
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    scope: 'named',
    state: 'active',
    endedAt: null,
  },
  {
    id: 'e2',
    organizationName: 'Dinas Contoh',
    partnerName: 'Old Partner',
    periodStart: '2025-01-01',
    periodEnd: '2025-06-30',
    scope: 'aggregate',
    state: 'ended',
    endedAt: null,
  },
];

describe('EngagementsList', () => {
  let fixture: ComponentFixture<EngagementsList>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [EngagementsList, translocoTesting()],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(LanguageStore).use('en');
    fixture = TestBed.createComponent(EngagementsList);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    backend.expectOne('/api/engagements').flush(ROWS);
    await settle(fixture);
  });

  afterEach(() => backend.verify());

  const row = (id: string) =>
    page.querySelector<HTMLElement>(`tr[data-engagement="${id}"]`)!;
  const button = (scope: HTMLElement, text: string) =>
    Array.from(scope.querySelectorAll('button')).find((b) =>
      b.textContent?.trim().startsWith(text),
    );

  it('lists every engagement with its state; only one not yet ended can be ended, after a confirmation', async () => {
    expect(row('e1').querySelector('.engagement-state')?.textContent).toContain(
      'Active',
    );
    expect(row('e2').querySelector('.engagement-state')?.textContent).toContain(
      'Ended',
    );
    expect(button(row('e2'), 'End')).toBeUndefined();

    button(row('e1'), 'End')!.click();
    await settle(fixture);
    backend.expectNone((r) => r.url.endsWith('/end'));
    expect(row('e1').textContent).toContain('lose access at once');
    button(row('e1'), 'End now')!.click();
    const end = backend.expectOne('/api/engagements/e1/end');
    expect(end.request.method).toBe('POST');
    end.flush({ ...ROWS[0], state: 'ended', endedAt: '2026-12-05T10:00:00Z' });
    (await nextRequest(backend, '/api/engagements')).flush([
      { ...ROWS[0], state: 'ended', endedAt: '2026-12-05T10:00:00Z' },
      ROWS[1],
    ]);
    await settle(fixture);
    expect(page.querySelector('[role="status"]')?.textContent).toContain(
      'Engagement ended: LBH Mitra – Dinas Contoh.',
    );
    expect(row('e1').querySelector('.engagement-state')?.textContent).toContain(
      'ended early on 5 Dec 2026',
    );
  });
});

describe('EngagementsList when the list cannot be read', () => {
  it('says so and offers a retry instead of "no engagements yet"', async () => {
    await TestBed.configureTestingModule({
      imports: [EngagementsList, translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    }).compileComponents();
    TestBed.inject(LanguageStore).use('en');
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(EngagementsList);
    const page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    backend
      .expectOne('/api/engagements')
      .flush({}, { status: 503, statusText: 'Unavailable' });
    await settle(fixture);
    expect(page.querySelector('[role="alert"]')?.textContent).toContain(
      'Something went wrong on the server',
    );
    expect(page.textContent).not.toContain('No engagements');
    page.querySelector<HTMLButtonElement>('button')!.click();
    (await nextRequest(backend, '/api/engagements')).flush(ROWS);
    await settle(fixture);
    expect(page.querySelectorAll('tr[data-engagement]').length).toBe(2);
    backend.verify();
  });
});

describe('organisation code', () => {
  it('follows the server pattern: the example in the hint is accepted, capitals are not', async () => {
    expect(ORG_CODE.test('dinsos-jatim')).toBe(true);
    expect(ORG_CODE.test('DINSOS-JATIM')).toBe(false);
    await TestBed.configureTestingModule({
      imports: [OrganizationsPage, translocoTesting()],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    }).compileComponents();
    TestBed.inject(LanguageStore).use('en');
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(OrganizationsPage);
    fixture.detectChanges();
    backend.expectOne('/api/organizations').flush([]);
    await settle(fixture);
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector('#org-code-hint')?.textContent).toContain(
      'for example dinsos-jatim',
    );
    const code = page.querySelector<HTMLInputElement>('#org-code')!;
    code.value = 'DINSOS-JATIM';
    code.dispatchEvent(new Event('input'));
    page.querySelector('form')!.dispatchEvent(new Event('submit'));
    await settle(fixture);
    backend.expectNone((r) => r.method === 'POST');
    expect(page.querySelector('#org-code-error')?.textContent).toContain(
      'lowercase letters',
    );
    backend.verify();
  });
});
