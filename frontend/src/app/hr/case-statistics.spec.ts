import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { LanguageStore } from '../core/session/language-store';
import { CaseStatistics, CaseStatisticsPanel } from './case-statistics';

const cells = (quarter: string, counts: (number | null)[]) =>
  ['sexual_harassment', 'sexual_violence', 'online_gbv', 'retaliation', 'other'].map((group, i) => ({
    quarter,
    group,
    count: counts[i],
    suppressed: counts[i] === null,
  }));

const FIGURES: CaseStatistics = {
  minGroupSize: 5,
  groupBy: 'category',
  rows: [...cells('2026-Q3', [6, null, 0, null, 0]), ...cells('2026-Q4', [7, 5, 0, 0, 0])],
  medianDaysToClose: [
    { quarter: '2026-Q3', closed: null, medianDaysToClose: null, suppressed: true },
    { quarter: '2026-Q4', closed: 6, medianDaysToClose: 9.5, suppressed: false },
  ],
};

describe('CaseStatisticsPanel', () => {
  let fixture: ComponentFixture<CaseStatisticsPanel>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [CaseStatisticsPanel, translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(LanguageStore).use('en');
    fixture = TestBed.createComponent(CaseStatisticsPanel);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });
  afterEach(() => backend.verify());

  it('shows counts per quarter and category, hidden cells as hidden, and the median days to close', async () => {
    const req = backend.expectOne((r) => r.url === '/api/reports/cases');
    expect(req.request.params.get('groupBy')).toBe('category');
    req.flush(FIGURES);
    await settle(fixture);
    const headers = Array.from(page.querySelectorAll('thead th')).map((th) => th.textContent?.trim());
    expect(headers).toEqual(['Quarter', 'Sexual harassment', 'Sexual violence', 'Online gender-based violence', 'Retaliation for reporting or helping', 'Something else', 'Median days to close']);
    const rows = Array.from(page.querySelectorAll('tbody tr')).map((tr) =>
      Array.from(tr.querySelectorAll('th, td')).map((c) => c.textContent?.trim()).join(' | '),
    );
    expect(rows).toEqual(['2026-Q3 | 6 | hidden | 0 | hidden | 0 | hidden', '2026-Q4 | 7 | 5 | 0 | 0 | 0 | 9.5']);
    expect(page.querySelector('[role="region"][tabindex="0"]')).not.toBeNull();
  });

  it('says so when the channel has no reports, and asks by status when the grouping changes', async () => {
    backend.expectOne((r) => r.url === '/api/reports/cases').flush({ ...FIGURES, rows: [], medianDaysToClose: [] });
    await settle(fixture);
    expect(page.textContent).toContain('No reports through the channel yet.');
    const select = page.querySelector('select') as HTMLSelectElement;
    expect(page.querySelector(`label[for="${select.id}"]`)).not.toBeNull();
    select.value = 'status';
    select.dispatchEvent(new Event('change'));
    fixture.detectChanges();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const req = backend.expectOne((r) => r.url === '/api/reports/cases');
    expect(req.request.params.get('groupBy')).toBe('status');
    req.flush({ ...FIGURES, groupBy: 'status', rows: [] });
  });
});
