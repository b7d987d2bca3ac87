import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import en from '../../../../public/i18n/en.json';
import id from '../../../../public/i18n/id.json';
import { settle } from '../../../testing/async';
import { translocoTesting } from '../../../testing/transloco-testing';
import { LanguageStore } from '../session/language-store';
import {
  ACTOR_KINDS,
  DETAIL_KEYS,
  TARGET_TYPES,
  TrailItem,
  TrailPage,
} from './trail-models';
import { defaultRange, TrailViewer } from './trail-viewer';

const TRAIL = '/api/organizations/org-1/audit-log/trail';

const ITEMS: TrailItem[] = [
  {
    seq: 42,
    // 17:30 UTC is 00:30 the next day in Jakarta: the row must say 2 March.
    at: '2026-03-01T17:30:00.000Z',
    actor: { kind: 'person', name: 'Sari Wulandari' },
    action: 'learning.completed',
    targetType: 'completion',
    target: { label: 'Recognising harassment' },
    summary: { score: 87, passed: true, dueOn: '2026-03-31' },
  },
  {
    seq: 41,
    at: '2026-03-01T02:00:00.000Z',
    actor: { kind: 'auditor', name: null },
    action: 'auditor.read',
    targetType: 'route',
    target: { label: 'GET /api/organizations/:orgId/audit-log/verify' },
    summary: {},
  },
  {
    seq: 40,
    at: '2026-03-01T01:00:00.000Z',
    actor: { kind: 'system', name: null },
    action: 'audit_report.generated',
    targetType: 'audit_report',
    target: { label: '2026-01-01/2026-06-30' },
    summary: { pages: 12 },
  },
];

function pageOf(items: TrailItem[], total = items.length, page = 1): TrailPage {
  return {
    items,
    total,
    page,
    pageSize: 50,
    actions: ['audit_report.generated', 'auditor.read', 'learning.completed'],
    timeZone: 'Asia/Jakarta',
  };
}

function lookup(catalogue: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        node && typeof node === 'object'
          ? (node as Record<string, unknown>)[part]
          : undefined,
      catalogue,
    );
}

describe('defaultRange', () => {
  it('is the last 30 days, open-ended while the engagement runs, kept within it', () => {
    expect(defaultRange(null, '2026-03-31')).toEqual({
      from: '2026-03-02',
      to: '',
    });
    expect(
      defaultRange({ start: '2026-03-20', end: '2026-12-31' }, '2026-03-31'),
    ).toEqual({
      from: '2026-03-20',
      to: '',
    });
    // The period's last day is still open: the organisation's today may be the browser's tomorrow.
    expect(
      defaultRange({ start: '2026-01-01', end: '2026-03-31' }, '2026-03-31'),
    ).toEqual({
      from: '2026-03-02',
      to: '',
    });
    expect(
      defaultRange({ start: '2026-01-01', end: '2026-02-28' }, '2026-03-31'),
    ).toEqual({
      from: '2026-01-30',
      to: '2026-02-28',
    });
  });
});

describe('TrailViewer', () => {
  let fixture: ComponentFixture<TrailViewer>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  async function create(inputs: Record<string, unknown> = {}): Promise<void> {
    await TestBed.configureTestingModule({
      imports: [TrailViewer, translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(LanguageStore).use('en', false);
    fixture = TestBed.createComponent(TrailViewer);
    fixture.componentRef.setInput('orgId', 'org-1');
    for (const [name, value] of Object.entries(inputs))
      fixture.componentRef.setInput(name, value);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    // Not settle(): whenStable() waits for the request, which stays open until the test flushes it.
    await new Promise((resolve) => setTimeout(resolve, 0));
    fixture.detectChanges();
  }

  function request(): TestRequest {
    return backend.expectOne((r) => r.url === TRAIL);
  }

  async function flush(req: TestRequest, body: TrailPage): Promise<void> {
    req.flush(body);
    await settle(fixture);
  }

  async function tick(): Promise<void> {
    fixture.detectChanges();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }

  function status(): string {
    return page.querySelector('[role="status"]')?.textContent ?? '';
  }

  function button(text: string): HTMLButtonElement {
    return Array.from(page.querySelectorAll('button')).find((b) =>
      b.textContent?.includes(text),
    )!;
  }

  afterEach(() => backend.verify());

  it('loads the last 30 days, announces loading, then shows each entry in words in the organisation’s time zone', async () => {
    await create();
    const req = request();
    const range = defaultRange(null);
    expect(req.request.params.get('from')).toBe(range.from);
    // No end day: the organisation's today may be later than the browser's.
    expect(range.to).toBe('');
    expect(req.request.params.has('to')).toBe(false);
    expect(req.request.params.get('page')).toBe('1');
    expect(req.request.params.get('lang')).toBe('en');
    expect(req.request.params.has('action')).toBe(false);
    expect(status()).toContain('Loading the entries');
    await flush(req, pageOf(ITEMS));

    expect(status()).toContain('3 entries found');
    expect(page.querySelector('caption')?.textContent).toContain(
      'Western Indonesia',
    );
    const headers = Array.from(page.querySelectorAll('thead th')).map((th) =>
      th.getAttribute('scope'),
    );
    expect(headers.every((scope) => scope === 'col')).toBe(true);
    const rows = Array.from(page.querySelectorAll('tbody tr')).map((tr) =>
      Array.from(tr.querySelectorAll('td')).map((td) =>
        td.textContent?.replace(/\s+/g, ' ').trim(),
      ),
    );
    expect(rows[0][0]).toContain('2 Mar 2026');
    expect(rows[0][0]).toContain('00:30');
    expect(rows[0][1]).toContain('Sari Wulandari');
    expect(rows[0][1]).toContain('A person');
    expect(rows[0][2]).toBe('Completed a module');
    expect(rows[0][3]).toContain('Recognising harassment');
    const details = Array.from(
      page.querySelectorAll('tbody tr:first-child dl div'),
    ).map(
      (d) =>
        `${d.querySelector('dt')?.textContent?.trim()} ${d.querySelector('dd')?.textContent?.trim()}`,
    );
    expect(details).toEqual(['score 87', 'passed yes', 'due 31 Mar 2026']);
    expect(rows[0][5]).toBe('42');
    // A page an auditor read, named in words; a report's period as dates.
    expect(rows[1][1]).toBe('Auditor');
    expect(rows[1][3]).toContain('Audit trail verification');
    expect(rows[2][1]).toBe('Aman (automatic)');
    expect(rows[2][3]).toContain('1 Jan 2026 – 30 Jun 2026');
    // The action filter offers the trail's actions in words.
    const options = Array.from(
      page.querySelectorAll('#trail-action option'),
    ).map((o) => o.textContent?.trim());
    expect(options).toEqual([
      'All actions',
      'Generated an audit report',
      "Read the organisation's data (auditor)",
      'Completed a module',
    ]);
  });

  it('sends the chosen filters and pages through the results', async () => {
    await create();
    await flush(request(), pageOf(ITEMS, 120));
    expect(page.querySelector('.pager')?.textContent).toContain('1 of 3');

    button('Next').click();
    await tick();
    const second = request();
    expect(second.request.params.get('page')).toBe('2');
    await flush(second, pageOf(ITEMS, 120, 2));
    expect(page.querySelector('.pager')?.textContent).toContain('2 of 3');

    const action = page.querySelector<HTMLSelectElement>('#trail-action')!;
    action.value = 'learning.completed';
    action.dispatchEvent(new Event('change'));
    const actor = page.querySelector<HTMLInputElement>('#trail-actor')!;
    actor.value = '  Sari ';
    actor.dispatchEvent(new Event('input'));
    const from = page.querySelector<HTMLInputElement>('#trail-from')!;
    from.value = '2026-03-01';
    from.dispatchEvent(new Event('input'));
    button('Show entries').click();
    await tick();
    const filtered = request();
    expect(filtered.request.params.get('page')).toBe('1');
    expect(filtered.request.params.get('action')).toBe('learning.completed');
    expect(filtered.request.params.get('actor')).toBe('Sari');
    expect(filtered.request.params.get('from')).toBe('2026-03-01');
    await flush(filtered, pageOf([]));
    expect(page.querySelector('.empty-state')?.textContent).toContain(
      'No entries match these filters',
    );
  });

  it('keeps the dates within the engagement and offers no name search for an aggregate one', async () => {
    await create({
      period: { start: '2026-01-01', end: '2026-06-30' },
      named: false,
    });
    await flush(request(), pageOf([]));
    expect(page.querySelector('#trail-actor')).toBeNull();
    expect(page.textContent).toContain('people appear by their role only');
    const from = page.querySelector<HTMLInputElement>('#trail-from')!;
    expect(from.getAttribute('min')).toBe('2026-01-01');
    expect(from.getAttribute('max')).toBe('2026-06-30');

    from.value = '2025-12-01';
    from.dispatchEvent(new Event('input'));
    button('Show entries').click();
    await settle(fixture);
    backend.expectNone((r) => r.url === TRAIL);
    expect(
      page.querySelector('[role="alert"] .field-error')?.textContent,
    ).toContain('Choose days within your engagement');
  });

  it('shows a failed load with the server’s message and a retry', async () => {
    await create();
    request().flush(
      { statusCode: 400, message: 'to: must not be before from' },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);
    expect(page.querySelector('.alert-error')?.textContent).toContain(
      'to: must not be before from',
    );
    button('Try again').click();
    await tick();
    await flush(request(), pageOf(ITEMS));
    expect(page.querySelector('.alert-error')?.textContent?.trim()).toBe('');
    expect(page.querySelectorAll('tbody tr')).toHaveLength(3);
  });

  it('names every actor kind, object type and known detail in both languages', () => {
    const keys = [
      ...ACTOR_KINDS.map((k) => `audit.trailView.actorKinds.${k}`),
      ...TARGET_TYPES.map((t) => `audit.trailView.targetTypes.${t}`),
      ...DETAIL_KEYS.map((d) => `audit.trailView.detailKeys.${d}`),
    ];
    for (const catalogue of [en, id]) {
      expect(
        keys.filter((key) => typeof lookup(catalogue, key) !== 'string'),
      ).toEqual([]);
    }
  });
});
