import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { Page } from '../core/http/page';
import { LanguageStore } from '../core/session/language-store';
import { Person, Unit } from './hr-models';
import { PeoplePage } from './people-page';

const UNITS: Unit[] = [
  { id: 'u1', code: 'SEKRETARIAT', name: 'Sekretariat', parentId: null },
];

const PERSON: Person = {
  id: 'p1',
  name: 'Budi Santoso',
  email: null,
  employeeNumber: '1990',
  unitId: 'u1',
  unitName: 'Sekretariat',
  isLeader: false,
  gender: 'male',
  employmentType: 'permanent',
  roles: ['employee'],
  status: 'deactivated',
};

function pageOf(items: Person[]): Page<Person> {
  return { items, total: items.length, page: 1, pageSize: 25 };
}

describe('PeoplePage', () => {
  let fixture: ComponentFixture<PeoplePage>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeAll(() => {
    HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
      this.open = true;
    };
    HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
      this.open = false;
      this.dispatchEvent(new Event('close'));
    };
  });

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [PeoplePage, translocoTesting()],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(LanguageStore).use('en');
    fixture = TestBed.createComponent(PeoplePage);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    backend.expectOne('/api/units').flush(UNITS);
    backend
      .expectOne((r) => r.url === '/api/modules')
      .flush([{ slug: 'basics', title: 'Recognising harassment' }]);
  });

  afterEach(() => backend.verify());

  function list(): TestRequest {
    return backend.expectOne((r) => r.url === '/api/users');
  }

  /** After a navigation the list is asked for again once the router has settled. */
  async function relisted(): Promise<TestRequest> {
    for (let turn = 0; turn < 20; turn++) {
      fixture.detectChanges();
      const [request] = backend.match((r) => r.url === '/api/users');
      if (request) return request;
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    throw new Error('the list was not asked for again');
  }

  function choose(id: string, value: string): void {
    const select = page.querySelector<HTMLSelectElement>(`#${id}`);
    if (!select) throw new Error(`no #${id}`);
    select.value = value;
    select.dispatchEvent(new Event('change'));
  }

  it('lists active people first and filters by unit, position, status and training, keeping the filters in the URL', async () => {
    const first = list();
    expect(first.request.params.get('status')).toBe('active');
    expect(first.request.params.has('unitId')).toBe(false);
    first.flush(pageOf([]));
    await settle(fixture);
    expect(page.querySelector('a[href="/hr/import"]')).not.toBeNull();
    expect(
      page.querySelector('a[href="/new"], a[href$="/new"]'),
    ).not.toBeNull();

    choose('people-unit', 'u1');
    choose('people-position', 'staff');
    choose('people-status', 'deactivated');
    choose('people-training', 'overdue');
    page.querySelector('form')?.dispatchEvent(new Event('submit'));
    const filtered = await relisted();
    expect(TestBed.inject(Router).url).toBe(
      '/?unitId=u1&position=staff&status=deactivated&training=overdue',
    );
    expect(filtered.request.params.get('unitId')).toBe('u1');
    expect(filtered.request.params.get('isLeader')).toBe('false');
    expect(filtered.request.params.get('status')).toBe('deactivated');
    expect(filtered.request.params.get('training')).toBe('overdue');
    expect(filtered.request.params.get('page')).toBe('1');
    filtered.flush(pageOf([{ ...PERSON, trainingStatus: 'overdue' }]));
    await settle(fixture);

    const row = page.querySelector('tbody tr');
    expect(row?.querySelector('a')?.textContent?.trim()).toBe('Budi Santoso');
    expect(row?.querySelector('a')?.getAttribute('href')).toContain('p1');
    expect(row?.textContent).toContain('Deactivated');
    expect(row?.textContent).toContain('Overdue');
    // Granting HR admin is not an action of the list's rows (it is on the person's page, confirmed).
    expect(row?.querySelector('button')).toBeNull();
    expect(page.textContent).not.toContain('Make HR admin');

    Array.from(page.querySelectorAll<HTMLButtonElement>('button'))
      .find((b) => b.textContent?.includes('Clear filters'))
      ?.click();
    const cleared = await relisted();
    expect(cleared.request.params.get('status')).toBe('active');
    expect(cleared.request.params.has('isLeader')).toBe(false);
    expect(cleared.request.params.has('training')).toBe(false);
    cleared.flush(pageOf([]));
    await settle(fixture);
  });

  it('offers the per-person export in the reader\'s language for the applied unit', async () => {
    list().flush(pageOf([]));
    await settle(fixture);
    const csv = () =>
      page.querySelector<HTMLAnchorElement>('a[href^="/api/reports/people.csv"]');
    expect(csv()?.getAttribute('href')).toBe('/api/reports/people.csv?lang=en');
    expect(csv()?.hasAttribute('download')).toBe(true);
    expect(
      page.querySelector('a[href^="/api/reports/people.xlsx"]')?.textContent,
    ).toContain('Excel');

    choose('people-unit', 'u1');
    page.querySelector('form')?.dispatchEvent(new Event('submit'));
    (await relisted()).flush(pageOf([]));
    await settle(fixture);
    expect(csv()?.getAttribute('href')).toBe(
      '/api/reports/people.csv?lang=en&unitId=u1',
    );
  });

  it('assigns a module to the selected people and reports who already had it', async () => {
    const ani = { ...PERSON, id: 'p2', name: 'Ani Lestari', status: 'active' };
    list().flush(pageOf([PERSON, ani]));
    await settle(fixture);
    const assignButton = () =>
      Array.from(page.querySelectorAll<HTMLButtonElement>('button')).find((b) =>
        b.textContent?.includes('Assign a module'),
      );
    expect(assignButton()?.disabled).toBe(true);
    page.querySelector<HTMLInputElement>('#people-select-all')?.click();
    await settle(fixture);
    expect(page.textContent).toContain('2 selected on this page');
    assignButton()?.click();
    await settle(fixture);
    choose('assign-module', 'basics');
    const due = page.querySelector<HTMLInputElement>('#assign-dueOn');
    if (!due) throw new Error('no due date');
    due.value = '2026-12-31';
    due.dispatchEvent(new Event('input'));
    page.querySelector('dialog form')?.dispatchEvent(new Event('submit'));
    const req = backend.expectOne({ method: 'POST', url: '/api/assignments' });
    expect(req.request.body).toEqual({
      moduleSlug: 'basics',
      userIds: ['p1', 'p2'],
      dueOn: '2026-12-31',
    });
    req.flush({
      assigned: 1,
      alreadyAssigned: [{ userId: 'p2', name: 'Ani Lestari' }],
      alreadyCompleted: [],
      notFound: 0,
    });
    (await relisted()).flush(pageOf([PERSON, ani]));
    await settle(fixture);
    const status = page.querySelector('[role="status"][aria-live="polite"]');
    expect(status?.textContent).toContain('Assigned to 1 people; 1 already had it.');
    expect(status?.textContent).toContain('Ani Lestari');
  });

  it('sends a reminder now to the selection, or to everyone overdue in the unit', async () => {
    list().flush(pageOf([{ ...PERSON, status: 'active' }]));
    await settle(fixture);
    page.querySelector<HTMLInputElement>('#select-p1')?.click();
    await settle(fixture);
    Array.from(page.querySelectorAll<HTMLButtonElement>('button'))
      .find((b) => b.textContent?.includes('Send a reminder now'))
      ?.click();
    const req = backend.expectOne({
      method: 'POST',
      url: '/api/assignments/reminders',
    });
    expect(req.request.body).toEqual({ userIds: ['p1'] });
    req.flush({ queued: 1, alreadyRemindedToday: 0, nothingOpen: 0, noEmail: 0, notFound: 0 });
    await settle(fixture);
    expect(page.textContent).toContain('Reminders sent: 1.');

    choose('people-unit', 'u1');
    choose('people-training', 'overdue');
    page.querySelector('form')?.dispatchEvent(new Event('submit'));
    (await relisted()).flush(pageOf([]));
    await settle(fixture);
    Array.from(page.querySelectorAll<HTMLButtonElement>('button'))
      .find((b) => b.textContent?.includes('Remind everyone matching'))
      ?.click();
    const filtered = backend.expectOne({
      method: 'POST',
      url: '/api/assignments/reminders',
    });
    expect(filtered.request.body).toEqual({ unitId: 'u1', status: 'overdue' });
    filtered.flush({ queued: 3, alreadyRemindedToday: 1, nothingOpen: 0, noEmail: 0, notFound: 0 });
    await settle(fixture);
    expect(page.textContent).toContain('Already reminded by you today: 1.');
  });
});

describe('PeoplePage opened from a link', () => {
  it('reads ?q= and the other filters from the URL', async () => {
    await TestBed.configureTestingModule({
      imports: [PeoplePage, translocoTesting()],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'people', component: PeoplePage }]),
      ],
    }).compileComponents();
    const backend = TestBed.inject(HttpTestingController);
    TestBed.inject(LanguageStore).use('en');
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/people?q=budi&training=none&page=2');
    const shown = harness.routeNativeElement as HTMLElement;
    backend.expectOne('/api/units').flush(UNITS);
    backend.expectOne((r) => r.url === '/api/modules').flush([]);
    const req = backend.expectOne((r) => r.url === '/api/users');
    expect(req.request.params.get('q')).toBe('budi');
    expect(req.request.params.get('training')).toBe('none');
    expect(req.request.params.get('page')).toBe('2');
    req.flush({ items: [], total: 0, page: 2, pageSize: 25 });
    await harness.fixture.whenStable();
    expect(shown.querySelector<HTMLInputElement>('#people-search')?.value).toBe('budi');
    expect(shown.querySelector<HTMLSelectElement>('#people-training')?.value).toBe('none');
    backend.verify();
  });
});
