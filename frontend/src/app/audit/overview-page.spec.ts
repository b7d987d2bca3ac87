import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { SideBySide, SideBySideCell } from '../core/audit/indicators-models';
import { LanguageStore } from '../core/session/language-store';
import { OverviewPage } from './overview-page';

const cell = (indicator: string, c: Partial<SideBySideCell>): SideBySideCell => ({
  indicator,
  target: null,
  value: null,
  available: true,
  suppressed: false,
  status: 'no_target',
  ...c,
});

const DATA: SideBySide = {
  catalogue: [
    { indicator: 'completion_leaders', name: 'Module completion by leaders', unit: 'share', higherIsBetter: true },
    { indicator: 'know_how_to_report', name: 'Respondents who know how to report', unit: 'share', higherIsBetter: true },
    { indicator: 'median_days_to_close', name: 'Median days to close a case', unit: 'days', higherIsBetter: false },
  ],
  items: [
    {
      engagementId: 'e1', organizationId: 'o1', organizationName: 'Dinas Sosial', periodStart: '2026-01-01', periodEnd: '2026-12-31',
      scope: 'aggregate', agreement: 'accepted', asOf: '2026-12-05',
      indicators: [
        cell('completion_leaders', { value: 0.6, target: 0.5, status: 'met' }),
        cell('know_how_to_report', { value: 0.4, target: 0.8, status: 'not_met' }),
        cell('median_days_to_close', { value: 9 }),
      ],
    },
    {
      engagementId: 'e2', organizationId: 'o2', organizationName: 'PT Contoh', periodStart: '2026-03-01', periodEnd: '2027-02-28',
      scope: 'named', agreement: null, asOf: '2026-12-06',
      indicators: [
        cell('completion_leaders', {}),
        cell('know_how_to_report', { suppressed: true, target: 0.8, status: 'no_value' }),
        cell('median_days_to_close', { available: false }),
      ],
    },
  ],
  total: 12,
  page: 1,
  pageSize: 10,
};

describe('OverviewPage (a partner’s organisations side by side)', () => {
  let fixture: ComponentFixture<OverviewPage>;
  let page: HTMLElement;
  let backend: HttpTestingController;
  const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  // A cell's parts are separate blocks on screen: read them apart, as a person (or screen reader) does.
  const cellText = (el: Node): string =>
    Array.from(el.childNodes)
      .map((n) => (n.nodeType === Node.TEXT_NODE ? (n.textContent ?? '') : cellText(n)))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
  const request = (p: number, lang = 'en') =>
    backend.expectOne((r) => r.url === '/api/partners/me/indicators' && r.params.get('lang') === lang && r.params.get('page') === String(p) && r.params.get('pageSize') === '10');

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [OverviewPage, translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(LanguageStore).use('en');
    fixture = TestBed.createComponent(OverviewPage);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });
  afterEach(() => backend.verify());

  it('puts indicators in rows and organisations in columns, each value against its target in words', async () => {
    expect(text(page.querySelector('[role="status"]'))).toBe('Loading the indicators of your organisations…');
    request(1).flush(DATA);
    await settle(fixture);

    expect(text(page.querySelector('caption'))).toContain('page 1 of 2');
    const headers = Array.from(page.querySelectorAll('thead th'));
    expect(headers.map((h) => h.getAttribute('scope'))).toEqual(['col', 'col', 'col']);
    expect(text(headers[1])).toContain('Dinas Sosial');
    expect(text(headers[1])).toContain('Engagement 1 Jan 2026 – 31 Dec 2026');
    expect(text(headers[1])).toContain('Agreed');
    expect(text(headers[2])).toContain('No indicators proposed yet');
    expect(headers[1].querySelector('a')?.getAttribute('href')).toBe('/audit/organizations/o1/indicators');

    const rows = Array.from(page.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.children).map(cellText));
    expect(Array.from(page.querySelectorAll('tbody th')).every((th) => th.getAttribute('scope') === 'row')).toBe(true);
    expect(rows[0]).toEqual(['Module completion by leaders', '60.0% target 50.0% Target met', '– no figure yet No target agreed']);
    expect(rows[1]).toEqual(['Respondents who know how to report', '40.0% target 80.0% Target not met yet', '– hidden: too few people target 80.0% Cannot be judged']);
    expect(rows[2]).toEqual(['Median days to close a case', '9 No target agreed', 'Not available yet No target agreed']);
    expect(page.querySelector('[role="region"].table-scroll')?.getAttribute('tabindex')).toBe('0');
  });

  it('pages through the organisations', async () => {
    request(1).flush(DATA);
    await settle(fixture);
    const next = Array.from(page.querySelectorAll<HTMLButtonElement>('.pager button')).find((b) => text(b) === 'Next')!;
    next.click();
    fixture.detectChanges();
    request(2).flush({ ...DATA, page: 2, items: DATA.items.slice(0, 1) });
    await settle(fixture);
    expect(text(page.querySelector('caption'))).toContain('page 2 of 2');
  });

  it('formats in Indonesian when Indonesian is chosen', async () => {
    request(1).flush(DATA);
    await settle(fixture);
    TestBed.inject(LanguageStore).use('id');
    fixture.detectChanges();
    request(1, 'id').flush(DATA);
    await settle(fixture);
    const first = Array.from(page.querySelectorAll('tbody tr'))[0];
    expect(cellText(first.children[1])).toBe('60,0% target 50,0% Target tercapai');
  });

  it('says when the partner monitors nobody today', async () => {
    request(1).flush({ ...DATA, items: [], total: 0 });
    await settle(fixture);
    expect(page.textContent).toContain('No organisation is being monitored by your partner today');
    expect(page.querySelector('table')).toBeNull();
  });

  it('shows an error and a retry when the request fails', async () => {
    request(1).flush({ statusCode: 500, message: 'Something went wrong on our side. It has been logged.' }, { status: 500, statusText: 'Server Error' });
    await settle(fixture);
    expect(page.querySelector('table')).toBeNull();
    const retry = Array.from(page.querySelectorAll('button')).find((b) => text(b) === 'Try again');
    expect(retry).toBeDefined();
    retry!.click();
    fixture.detectChanges();
    request(1).flush(DATA);
    await settle(fixture);
    expect(page.querySelector('table')).not.toBeNull();
  });
});
