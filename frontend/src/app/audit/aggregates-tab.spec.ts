import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { AggregatesTab } from './aggregates-tab';
import { CompletionRow } from '../core/audit/audit-models';

const URL = '/api/organizations/org-1/reports/completion';

const ROWS: CompletionRow[] = [
  {
    group: 'Head office',
    groupId: 'u-1',
    parentId: null,
    assigned: 40,
    completed: 35,
    overdue: 2,
    completionRate: 0.875,
    moduleCompletionRate: 0.95,
    suppressed: false,
  },
  {
    group: 'Legal',
    groupId: 'u-2',
    parentId: 'u-1',
    assigned: null,
    completed: null,
    overdue: null,
    completionRate: null,
    moduleCompletionRate: null,
    suppressed: true,
  },
];

const MODULES: CompletionRow[] = [
  {
    group: 'Recognising harassment',
    groupId: 'recognising-harassment',
    assigned: 40,
    completed: 38,
    overdue: 0,
    completionRate: 0.95,
    moduleCompletionRate: 0.95,
    suppressed: false,
  },
];

describe('AggregatesTab', () => {
  let fixture: ComponentFixture<AggregatesTab>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [AggregatesTab, translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AggregatesTab);
    fixture.componentRef.setInput('orgId', 'org-1');
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });

  afterEach(() => backend.verify());

  /** The figures shown (the module list is asked for separately, broken down by module). */
  function request(): TestRequest {
    return backend.expectOne(
      (r) => r.url === URL && r.params.get('groupBy') !== 'module',
    );
  }

  function modules(): TestRequest {
    return backend.expectOne(
      (r) => r.url === URL && r.params.get('groupBy') === 'module',
    );
  }

  it('shows the figures per group, and says why a small group has none', async () => {
    const req = request();
    expect(req.request.params.get('groupBy')).toBe('unit');
    expect(req.request.params.has('module')).toBe(false);
    req.flush(ROWS);
    modules().flush(MODULES);
    await settle(fixture);

    expect(page.querySelector('caption')?.textContent).toContain(
      'Training completion by Unit',
    );
    expect(
      Array.from(page.querySelectorAll('thead th')).map((th) =>
        th.getAttribute('scope'),
      ),
    ).toEqual(['col', 'col', 'col', 'col', 'col', 'col']);
    // The headline first, labelled for what it counts, with the people's rate beside it.
    expect(
      Array.from(page.querySelectorAll('thead th.numeric')).map((th) =>
        th.textContent?.trim(),
      ),
    ).toEqual([
      'Of assigned modules, completed',
      'People who completed all their modules',
      'Assigned',
      'Completed',
      'Overdue',
    ]);
    const [office, legal] = Array.from(page.querySelectorAll('tbody tr'));
    expect(
      Array.from(office.querySelectorAll('td')).map((td) =>
        td.textContent?.trim(),
      ),
    ).toEqual(['95%', '88%', '40', '35', '2']);
    expect(office.querySelector('td strong')?.textContent?.trim()).toBe('95%');
    expect(legal.textContent).toContain('part of Head office');
    const cells = legal.querySelectorAll('td');
    expect(cells).toHaveLength(1);
    expect(cells[0].getAttribute('colspan')).toBe('5');
    expect(cells[0].textContent?.trim()).toBe('hidden (fewer than 5 people)');
  });

  it('asks again broken down by the group chosen', async () => {
    request().flush(ROWS);
    modules().flush(MODULES);
    await settle(fixture);
    const select = page.querySelector<HTMLSelectElement>('#aggregates-groupBy');
    if (!select) throw new Error('no select');
    select.value = 'employmentType';
    select.dispatchEvent(new Event('change'));
    fixture.detectChanges();

    const req = request();
    expect(req.request.params.get('groupBy')).toBe('employmentType');
    req.flush([]);
    await settle(fixture);
    expect(page.textContent).toContain('No training has been assigned yet.');
  });

  it('filters the figures to one module, chosen from the modules of the organisation', async () => {
    request().flush(ROWS);
    modules().flush(MODULES);
    await settle(fixture);
    const select = page.querySelector<HTMLSelectElement>('#aggregates-module');
    if (!select) throw new Error('no module select');
    expect(
      page.querySelector('label[for="aggregates-module"]')?.textContent,
    ).toContain('Training module');
    expect(
      Array.from(select.options).map((o) => [o.value, o.textContent?.trim()]),
    ).toEqual([
      ['', 'All training modules'],
      ['recognising-harassment', 'Recognising harassment'],
    ]);
    select.value = 'recognising-harassment';
    select.dispatchEvent(new Event('change'));
    fixture.detectChanges();

    const req = request();
    expect(req.request.params.get('groupBy')).toBe('unit');
    expect(req.request.params.get('module')).toBe('recognising-harassment');
    req.flush(ROWS);
    await settle(fixture);
    expect(page.querySelector('tbody tr')?.textContent).toContain('95%');
  });

  it('says plainly when the figures are not available on this server (404)', async () => {
    request().flush(
      {
        statusCode: 404,
        message: 'Cannot GET /api/organizations/org-1/reports/completion',
      },
      { status: 404, statusText: 'Not Found' },
    );
    modules().flush(
      { statusCode: 404, message: 'Cannot GET' },
      { status: 404, statusText: 'Not Found' },
    );
    await settle(fixture);

    expect(page.querySelector('table')).toBeNull();
    expect(page.querySelector('.verdict')?.textContent).toContain(
      'Completion figures are not available on this server yet',
    );
    expect(page.textContent).not.toContain('Cannot GET');
  });
});
