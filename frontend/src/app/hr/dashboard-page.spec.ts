import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';
import { BaseChartDirective } from 'ng2-charts';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { LanguageStore } from '../core/session/language-store';
import { DashboardPage } from './dashboard-page';
import { CompletionRow } from '../core/audit/audit-models';
import { CompletionsInPeriod, ReportSummary } from './report-models';
import { CatalogModule } from './rule-models';

const SUMMARY: ReportSummary = {
  assigned: 57,
  completed: 40,
  overdue: 6,
  completionRate: 40 / 57,
  moduleCompletionRate: 0.9,
  suppressed: false,
  leaders: {
    assigned: 7,
    completed: 6,
    overdue: 1,
    completionRate: 6 / 7,
    moduleCompletionRate: 0.97,
    suppressed: false,
  },
  staff: {
    assigned: 50,
    completed: 34,
    overdue: 5,
    completionRate: 0.68,
    moduleCompletionRate: 0.89,
    suppressed: false,
  },
};

const HIDDEN = {
  assigned: null,
  completed: null,
  overdue: null,
  completionRate: null,
  moduleCompletionRate: null,
  suppressed: true,
};

const UNITS: CompletionRow[] = [
  {
    group: 'Sekretariat',
    groupId: 'u1',
    parentId: null,
    assigned: 40,
    completed: 30,
    overdue: 4,
    completionRate: 0.75,
    moduleCompletionRate: 0.9,
    suppressed: false,
  },
  {
    group: 'Subbagian Umum',
    groupId: 'u2',
    parentId: 'u1',
    assigned: 12,
    completed: 12,
    overdue: 0,
    completionRate: 1,
    moduleCompletionRate: 1,
    suppressed: false,
  },
  { group: 'Bidang Kecil', groupId: 'u3', parentId: 'u1', ...HIDDEN },
];

const MODULES: CatalogModule[] = [
  {
    slug: 'recognising-harassment',
    title: 'Recognising harassment',
    audience: 'everyone',
    version: 2,
    estimatedMinutes: 25,
  },
];

const TREND: CompletionsInPeriod[] = [
  { period: '2026-09-01', completed: 12, suppressed: false },
  { period: '2026-10-01', completed: null, suppressed: true },
  { period: '2026-11-01', completed: 30, suppressed: false },
];

describe('DashboardPage', () => {
  let fixture: ComponentFixture<DashboardPage>;
  let page: HTMLElement;
  let backend: HttpTestingController;
  const getContext = HTMLCanvasElement.prototype.getContext;

  beforeAll(() => {
    // jsdom has no canvas: the chart directive then draws nothing, but keeps its inputs.
    HTMLCanvasElement.prototype.getContext = jest.fn(() => null);
  });

  afterAll(() => {
    HTMLCanvasElement.prototype.getContext = getContext;
  });

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [DashboardPage, translocoTesting()],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(LanguageStore).use('en');
    fixture = TestBed.createComponent(DashboardPage);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });

  afterEach(() => backend.verify());

  function completion(): TestRequest {
    return backend.expectOne((r) => r.url === '/api/reports/completion');
  }

  async function load(
    options: { summary?: ReportSummary; rows?: CompletionRow[] } = {},
  ): Promise<void> {
    backend.expectOne('/api/reports/summary').flush(options.summary ?? SUMMARY);
    backend.expectOne((r) => r.url === '/api/modules').flush(MODULES);
    const req = completion();
    expect(req.request.params.get('groupBy')).toBe('unit');
    expect(req.request.params.get('lang')).toBe('en');
    req.flush(options.rows ?? UNITS);
    const trend = backend.expectOne(
      (r) => r.url === '/api/reports/completions-over-time',
    );
    // No end day: the server counts up to the organisation's today, which may be after the browser's.
    expect(trend.request.params.has('to')).toBe(false);
    expect(trend.request.params.get('from')).toMatch(/^\d{4}-\d{2}-01$/);
    trend.flush(TREND);
    // The knowledge-gain panel has its own spec (knowledge-gain.spec.ts).
    backend
      .expectOne((r) => r.url === '/api/reports/knowledge-gain')
      .flush({ minGroupSize: 5, rows: [] });
    // So has the confidential channel's statistics panel (case-statistics.spec.ts).
    backend
      .expectOne((r) => r.url === '/api/reports/cases')
      .flush({
        minGroupSize: 5,
        groupBy: 'category',
        rows: [],
        medianDaysToClose: [],
      });
    await settle(fixture);
  }

  function charts(): BaseChartDirective[] {
    return fixture.debugElement
      .queryAll(By.directive(BaseChartDirective))
      .map((el) => el.injector.get(BaseChartDirective));
  }

  function select(id: string, value: string): void {
    const element = page.querySelector<HTMLSelectElement>(`#${id}`);
    if (!element) throw new Error(`no #${id}`);
    element.value = value;
    element.dispatchEvent(new Event('change'));
  }

  it('shows leaders and staff side by side, and says when a group is hidden', async () => {
    await load({ summary: { ...SUMMARY, staff: HIDDEN, ...HIDDEN } });

    const table = page.querySelector('#summary-caption')?.closest('table');
    const headers = Array.from(table?.querySelectorAll('thead th') ?? []).map(
      (th) => th.textContent?.trim(),
    );
    expect(headers).toEqual(['Leaders', 'Staff', 'Everyone']);
    const rows = Array.from(table?.querySelectorAll('tbody tr') ?? []);
    const cells = (tr: Element | undefined) =>
      Array.from(tr?.querySelectorAll('td') ?? []).map((td) =>
        td.textContent?.trim(),
      );
    // The headline first, in bold, labelled for what it counts; the people's rate beside it.
    expect(rows[0].querySelector('th')?.textContent?.trim()).toBe(
      'Of assigned modules, completed',
    );
    expect(cells(rows[0])).toEqual([
      '97%',
      'hidden: fewer than 5 people',
      'hidden: fewer than 5 people',
    ]);
    expect(rows[0].querySelector('td .cell-strong')?.textContent?.trim()).toBe(
      '97%',
    );
    expect(rows[1].querySelector('th')?.textContent?.trim()).toBe(
      'People who completed all their modules',
    );
    expect(cells(rows[1])).toEqual([
      '86%',
      'hidden: fewer than 5 people',
      'hidden: fewer than 5 people',
    ]);
    expect(page.textContent).toContain('someone who finished 5 of their 6');
  });

  it('lists suppressed groups in the table as hidden and leaves them out of the chart', async () => {
    await load();

    const rows = Array.from(
      page.querySelectorAll<HTMLTableRowElement>(
        '#completion-caption ~ tbody tr',
      ),
    );
    expect(rows).toHaveLength(3);
    expect(rows[0].querySelector('th')?.textContent).toContain('Sekretariat');
    expect(
      Array.from(
        page.querySelectorAll('#completion-caption ~ thead th.numeric'),
      ).map((th) => th.textContent?.trim()),
    ).toEqual([
      'Of assigned modules, completed',
      'People who completed all their modules',
      'People assigned',
      'Completed all',
      'With overdue',
    ]);
    expect(
      Array.from(rows[0].querySelectorAll('td.numeric')).map((td) =>
        td.textContent?.trim(),
      ),
    ).toEqual(['90%', '75%', '40', '30', '4']);
    expect(rows[1].textContent).toContain('part of Sekretariat');
    expect(rows[2].querySelector('th')?.textContent).toContain('Bidang Kecil');
    expect(rows[2].querySelector('td')?.textContent?.trim()).toBe(
      'hidden: fewer than 5 people',
    );
    expect(rows[2].querySelector('td')?.getAttribute('colspan')).toBe('5');

    const [bars, line] = charts();
    expect(bars.type).toBe('bar');
    expect(bars.data?.labels).toEqual(['Sekretariat', 'Subbagian Umum']);
    // The chart draws the headline: the share of assigned modules completed.
    expect(bars.data?.datasets[0].data).toEqual([90, 100]);
    expect(bars.data?.datasets[0].label).toBe('Modules completed');
    expect(
      page.querySelector('#completion-suppressed-note')?.textContent,
    ).toContain('Groups hidden because they have fewer than 5 people: 1.');
    expect(page.querySelector('canvas')?.getAttribute('aria-label')).toContain(
      'The same figures are in the table below.',
    );

    // A hidden period is a gap in the line and says so in the table.
    expect(line.data?.datasets[0].data).toEqual([12, null, 30]);
    const trendRows = Array.from(
      page.querySelectorAll('#trend-caption ~ tbody tr'),
    );
    expect(trendRows[1].textContent).toContain(
      'hidden: fewer than 5 completions',
    );
    expect(page.querySelector('#trend-caption')?.textContent).toContain(
      '42 in all',
    );
  });

  it('gives the export links the same query as the screen', async () => {
    await load();
    const csv = () =>
      page
        .querySelector<HTMLAnchorElement>('#completion-csv')
        ?.getAttribute('href');
    const xlsx = () =>
      page
        .querySelector<HTMLAnchorElement>('#completion-xlsx')
        ?.getAttribute('href');
    expect(csv()).toBe('/api/reports/completion.csv?groupBy=unit&lang=en');

    select('completion-groupBy', 'gender');
    select('completion-module', 'recognising-harassment');
    fixture.detectChanges();
    const req = completion();
    expect(req.request.params.get('groupBy')).toBe('gender');
    expect(req.request.params.get('module')).toBe('recognising-harassment');
    req.flush([
      {
        group: 'female',
        assigned: 30,
        completed: 20,
        overdue: 2,
        completionRate: 2 / 3,
        moduleCompletionRate: 0.8,
        suppressed: false,
      },
      { group: 'not_stated', ...HIDDEN },
    ]);
    await settle(fixture);

    expect(csv()).toBe(
      '/api/reports/completion.csv?groupBy=gender&module=recognising-harassment&lang=en',
    );
    expect(xlsx()).toBe(
      '/api/reports/completion.xlsx?groupBy=gender&module=recognising-harassment&lang=en',
    );
    const labels = Array.from(
      page.querySelectorAll('#completion-caption ~ tbody th'),
    ).map((th) => th.textContent?.trim());
    expect(labels).toEqual(['Female', 'Not stated']);
  });

  it('drills down from a unit to the people overdue there, page by page', async () => {
    await load();
    // Only units with visible overdue people can be opened.
    const buttons = Array.from(
      page.querySelectorAll<HTMLButtonElement>(
        '#completion-caption ~ tbody button',
      ),
    );
    expect(buttons).toHaveLength(1);
    buttons[0].click();
    fixture.detectChanges();

    const req = backend.expectOne((r) => r.url === '/api/reports/overdue');
    expect(req.request.params.get('unitId')).toBe('u1');
    expect(req.request.params.get('page')).toBe('1');
    expect(req.request.params.get('pageSize')).toBe('25');
    req.flush({
      items: [
        {
          userId: 'p1',
          name: 'Budi Santoso',
          unitName: 'Sekretariat',
          isLeader: false,
          overdueModules: [
            {
              slug: 'recognising-harassment',
              title: 'Recognising harassment',
              dueAt: '2026-10-31',
            },
          ],
        },
      ],
      total: 30,
      page: 1,
      pageSize: 25,
    });
    await settle(fixture);

    expect(document.activeElement?.id).toBe('overdue-heading');
    expect(page.querySelector('#overdue-heading')?.textContent).toContain(
      'Overdue in Sekretariat',
    );
    const person = page.querySelector<HTMLAnchorElement>(
      '#overdue-caption ~ tbody a',
    );
    expect(person?.textContent?.trim()).toBe('Budi Santoso');
    expect(person?.getAttribute('href')).toBe('/hr/people/p1');
    expect(
      page.querySelector('#overdue-caption ~ tbody')?.textContent,
    ).toContain('due 31 Oct 2026');

    Array.from(page.querySelectorAll<HTMLButtonElement>('.pager button'))
      .find((b) => b.textContent?.includes('Next'))
      ?.click();
    fixture.detectChanges();
    const next = backend.expectOne((r) => r.url === '/api/reports/overdue');
    expect(next.request.params.get('page')).toBe('2');
    next.flush({ items: [], total: 30, page: 2, pageSize: 25 });
    await settle(fixture);
  });

  it('asks for another period of completions', async () => {
    await load();
    const from = page.querySelector<HTMLInputElement>('#trend-from');
    const to = page.querySelector<HTMLInputElement>('#trend-to');
    if (!from || !to) throw new Error('no period');
    from.value = '2026-12-01';
    from.dispatchEvent(new Event('input'));
    to.value = '2026-11-01';
    to.dispatchEvent(new Event('input'));
    select('trend-interval', 'week');
    from.form?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    backend.expectNone((r) => r.url === '/api/reports/completions-over-time');
    expect(page.querySelector('#trend-error')?.textContent).toContain(
      'must not be after',
    );

    to.value = '2026-12-31';
    to.dispatchEvent(new Event('input'));
    from.form?.dispatchEvent(new Event('submit'));
    fixture.detectChanges();
    const req = backend.expectOne(
      (r) => r.url === '/api/reports/completions-over-time',
    );
    expect(req.request.params.get('from')).toBe('2026-12-01');
    expect(req.request.params.get('to')).toBe('2026-12-31');
    expect(req.request.params.get('interval')).toBe('week');
    req.flush([]);
    await settle(fixture);
    expect(page.textContent).toContain(
      'No training was completed in this period.',
    );
  });
});
