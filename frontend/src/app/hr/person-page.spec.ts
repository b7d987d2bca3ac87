import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { LanguageStore } from '../core/session/language-store';
import { PersonAssignment, PersonDetail, Unit } from './hr-models';
import { PersonPage } from './person-page';

const UNITS: Unit[] = [
  { id: 'u1', code: 'SEKRETARIAT', name: 'Sekretariat', parentId: null },
  { id: 'u2', code: 'SEK-UMUM', name: 'Subbagian Umum', parentId: 'u1' },
];

const PERSON: PersonDetail = {
  id: 'p1',
  name: 'Budi Santoso',
  email: 'budi@contoh.go.id',
  employeeNumber: null,
  unitId: 'u1',
  unitCode: 'SEKRETARIAT',
  unitName: 'Sekretariat',
  isLeader: false,
  leaderSince: null,
  gender: 'male',
  employmentType: 'permanent',
  hireDate: null,
  locale: 'id',
  roles: ['employee'],
  status: 'active',
  deactivatedAt: null,
};

const ASSIGNMENT: PersonAssignment = {
  id: 'a1',
  module: {
    slug: 'recognising-harassment',
    title: 'Recognising harassment',
    audience: 'everyone',
  },
  status: 'overdue',
  current: true,
  dueOn: '2026-11-01',
  assignedAt: '2026-10-01T01:00:00Z',
  startedAt: null,
  completedAt: null,
  expiresOn: null,
  exemptedAt: null,
  exemptReason: null,
  ruleId: 'r1',
  extensions: 0,
};

describe('PersonPage', () => {
  let fixture: ComponentFixture<PersonPage>;
  let page: HTMLElement;
  let backend: HttpTestingController;
  let navigate: jest.SpyInstance;

  beforeAll(() => {
    // jsdom has <dialog> without its modal behaviour.
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
      imports: [PersonPage, translocoTesting()],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(LanguageStore).use('en');
    navigate = jest
      .spyOn(TestBed.inject(Router), 'navigate')
      .mockResolvedValue(true);
    fixture = TestBed.createComponent(PersonPage);
    page = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => backend.verify());

  async function openNew(): Promise<void> {
    fixture.detectChanges();
    backend.expectOne('/api/units').flush(UNITS);
    await settle(fixture);
  }

  async function openExisting(person = PERSON, assigned = [ASSIGNMENT]): Promise<void> {
    fixture.componentRef.setInput('id', person.id);
    fixture.detectChanges();
    backend.expectOne(`/api/users/${person.id}`).flush(person);
    backend.expectOne('/api/units').flush(UNITS);
    // Not settle(): the assignments load next, which keeps the page from being stable.
    await new Promise((resolve) => setTimeout(resolve, 0));
    fixture.detectChanges();
    const assignments = backend.expectOne((r) => r.url === '/api/assignments');
    expect(assignments.request.params.get('userId')).toBe(person.id);
    expect(assignments.request.params.get('lang')).toBe('en');
    assignments.flush(assigned);
    await settle(fixture);
  }

  function field<T extends HTMLElement = HTMLInputElement>(id: string): T {
    const element = page.querySelector<T>(`#${id}`);
    if (!element) throw new Error(`no #${id}`);
    return element;
  }

  function type(id: string, value: string): void {
    const input = field(id);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  function choose(id: string, value: string): void {
    const select = field<HTMLSelectElement>(id);
    select.value = value;
    select.dispatchEvent(new Event('change'));
  }

  function button(text: string, root: ParentNode = page): HTMLButtonElement {
    const found = Array.from(
      root.querySelectorAll<HTMLButtonElement>('button'),
    ).find((b) => b.textContent?.trim().startsWith(text));
    if (!found) throw new Error(`no button "${text}"`);
    return found;
  }

  async function submit(): Promise<void> {
    field<HTMLFormElement>('person-form').dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  }

  it('adds a person with exactly the fields of the API, then opens their page', async () => {
    await openNew();
    expect(page.querySelector('h1')?.textContent).toContain('Add a person');
    const options = Array.from(
      field<HTMLSelectElement>('person-unitId').options,
    ).map((o) => o.textContent?.replace(/\u00a0/g, '·').trim());
    expect(options).toEqual([
      'Choose a unit',
      'Sekretariat',
      '···Subbagian Umum',
    ]);

    type('person-name', '  Siti Rahmawati ');
    type('person-email', 'siti.rahma@contoh.go.id');
    type('person-employeeNumber', '198703152010012001');
    choose('person-unitId', 'u2');
    field('person-isLeader').click();
    choose('person-gender', 'female');
    choose('person-employmentType', 'contract');
    type('person-hireDate', '2024-07-01');
    choose('person-locale', 'en');
    await submit();

    const req = backend.expectOne('/api/users');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      email: 'siti.rahma@contoh.go.id',
      name: 'Siti Rahmawati',
      employeeNumber: '198703152010012001',
      unitId: 'u2',
      isLeader: true,
      gender: 'female',
      employmentType: 'contract',
      hireDate: '2024-07-01',
      locale: 'en',
    });
    req.flush({ ...PERSON, id: 'p9' }, { status: 201, statusText: 'Created' });
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith(['/hr/people', 'p9'], {
      state: { created: true },
    });
  });

  it('sends blanks as null and asks for what is required first', async () => {
    await openNew();
    await submit();
    backend.expectNone('/api/users');
    expect(field('person-name').getAttribute('aria-invalid')).toBe('true');
    expect(field('person-unitId').getAttribute('aria-invalid')).toBe('true');
    expect(page.querySelector('#person-unitId-error')?.textContent).toContain(
      'This field is required.',
    );
    expect(document.activeElement?.id).toBe('person-name');

    type('person-name', 'Tanpa Email');
    choose('person-unitId', 'u1');
    await submit();
    const req = backend.expectOne('/api/users');
    expect(req.request.body).toEqual({
      email: null,
      name: 'Tanpa Email',
      employeeNumber: null,
      unitId: 'u1',
      isLeader: false,
      gender: 'not_stated',
      employmentType: 'permanent',
      hireDate: null,
      locale: 'id',
    });
    req.flush({ ...PERSON, id: 'p10' });
    await settle(fixture);
  });

  it('shows the server’s field errors next to their fields', async () => {
    await openNew();
    type('person-name', 'Siti');
    type('person-email', 'siti@contoh.go.id');
    choose('person-unitId', 'u1');
    await submit();
    backend.expectOne('/api/users').flush(
      {
        statusCode: 409,
        message: 'This email address cannot be used',
        fields: [
          { field: 'email', message: 'This email address cannot be used' },
        ],
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle(fixture);

    const email = field('person-email');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(email.getAttribute('aria-describedby')).toBe(
      'person-email-hint person-email-error person-form-error',
    );
    expect(page.querySelector('#person-email-error')?.textContent).toContain(
      'Not accepted: This email address cannot be used',
    );
    expect(page.querySelector('#person-form-error')?.textContent).toContain(
      'This conflicts with existing data',
    );
    expect(navigate).not.toHaveBeenCalled();
  });

  it('edits a person without resending an unchanged unit', async () => {
    await openExisting();
    expect(page.querySelector('h1')?.textContent).toContain('Budi Santoso');
    expect(field('person-email').value).toBe('budi@contoh.go.id');
    expect(field<HTMLSelectElement>('person-unitId').value).toBe('u1');

    type('person-employeeNumber', '1990');
    await submit();
    const req = backend.expectOne('/api/users/p1');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({
      email: 'budi@contoh.go.id',
      name: 'Budi Santoso',
      employeeNumber: '1990',
      isLeader: false,
      gender: 'male',
      employmentType: 'permanent',
      hireDate: null,
      locale: 'id',
    });
    req.flush({ ...PERSON, employeeNumber: '1990' });
    await settle(fixture);
    expect(page.querySelector('.alert-success')?.textContent).toContain(
      'The changes have been saved.',
    );

    choose('person-unitId', 'u2');
    await submit();
    const move = backend.expectOne('/api/users/p1');
    expect((move.request.body as { unitId: string }).unitId).toBe('u2');
    move.flush({ ...PERSON, unitId: 'u2' });
    await settle(fixture);
  });

  it('deactivates after confirming, and can reactivate', async () => {
    await openExisting();
    button('Deactivate').click();
    await fixture.whenStable();
    const dialog = page.querySelector<HTMLDialogElement>(
      'dialog[aria-labelledby="person-deactivate-heading"]',
    );
    expect(dialog?.open).toBe(true);
    expect(dialog?.textContent).toContain('Deactivate Budi Santoso?');

    button('Deactivate', dialog as HTMLDialogElement).click();
    const req = backend.expectOne('/api/users/p1/deactivate');
    expect(req.request.method).toBe('POST');
    req.flush({
      ...PERSON,
      status: 'deactivated',
      deactivatedAt: '2026-11-20T03:00:00Z',
    });
    await settle(fixture);
    expect(dialog?.open).toBe(false);
    expect(page.querySelector('#person-status-changed')?.textContent).toContain(
      'Budi Santoso has been deactivated.',
    );
    expect(page.textContent).toContain('Deactivated');

    button('Reactivate').click();
    const back = backend.expectOne('/api/users/p1/reactivate');
    back.flush(
      {
        statusCode: 409,
        message:
          'Their unit has been archived: move them to an active unit first',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle(fixture);
    expect(page.textContent).toContain('move them to an active unit first');
  });

  it('moves a due date to a later day, with a reason', async () => {
    await openExisting();
    const row = page.querySelector('#assignments-caption ~ tbody tr');
    expect(row?.textContent).toContain('Overdue');
    button('Move due date', row as Element).click();
    await fixture.whenStable();
    const dialog = field<HTMLDialogElement>('action-heading').closest(
      'dialog',
    ) as HTMLDialogElement;
    expect(dialog.open).toBe(true);
    expect(document.activeElement?.id).toBe('action-dueOn');

    type('action-dueOn', '2026-10-15');
    type('action-reason', 'Sick leave');
    dialog.querySelector('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    backend.expectNone('/api/assignments/a1/extend');
    expect(page.querySelector('#action-dueOn-error')?.textContent).toContain(
      'Choose a date after the current due date.',
    );

    type('action-dueOn', '2026-12-15');
    dialog.querySelector('form')?.dispatchEvent(new Event('submit'));
    const req: TestRequest = backend.expectOne('/api/assignments/a1/extend');
    expect(req.request.body).toEqual({
      dueOn: '2026-12-15',
      reason: 'Sick leave',
    });
    req.flush({});
    await new Promise((resolve) => setTimeout(resolve, 0));
    fixture.detectChanges();
    backend
      .expectOne((r) => r.url === '/api/assignments')
      .flush([
        {
          ...ASSIGNMENT,
          status: 'not_started',
          dueOn: '2026-12-15',
          extensions: 1,
        },
      ]);
    await settle(fixture);
    expect(page.querySelector('#assignments-done')?.textContent).toContain(
      'The due date of “Recognising harassment” has been moved.',
    );
    expect(page.textContent).toContain('Due date moved 1×');
  });

  it('labels a just-exempted assignment and undoes the exemption with a reason', async () => {
    await openExisting(PERSON, [
      {
        ...ASSIGNMENT,
        status: 'exempted',
        current: true,
        exemptedAt: '2026-11-02T01:00:00Z',
        exemptReason: 'Cuti melahirkan',
      },
    ]);
    const row = page.querySelector('#assignments-caption ~ tbody tr');
    expect(row?.textContent).toContain('Exempted');
    expect(row?.textContent).not.toContain('Earlier');
    button('Undo exemption', row as Element).click();
    await fixture.whenStable();
    const dialog = field<HTMLDialogElement>('action-heading').closest(
      'dialog',
    ) as HTMLDialogElement;
    expect(dialog.open).toBe(true);
    expect(dialog.textContent).toContain('Undo the exemption');
    type('action-reason', 'Kembali bekerja');
    dialog.querySelector('form')?.dispatchEvent(new Event('submit'));
    const req = backend.expectOne('/api/assignments/a1/undo-exemption');
    expect(req.request.body).toEqual({ reason: 'Kembali bekerja' });
    req.flush({});
    await new Promise((resolve) => setTimeout(resolve, 0));
    fixture.detectChanges();
    backend.expectOne((r) => r.url === '/api/assignments').flush([ASSIGNMENT]);
    await settle(fixture);
    expect(page.querySelector('#assignments-done')?.textContent).toContain(
      'The exemption from “Recognising harassment” was undone.',
    );
  });

  it('assigns a module by hand and sends a reminder now', async () => {
    await openExisting();
    button('Assign a module').click();
    fixture.detectChanges();
    backend
      .expectOne((r) => r.url === '/api/modules')
      .flush([{ slug: 'power', title: 'Power relations' }]);
    await settle(fixture);
    choose('person-assign-module', 'power');
    type('person-assign-dueOn', '2026-12-31');
    page.querySelector('#assign-form')?.dispatchEvent(new Event('submit'));
    const assign = backend.expectOne({ method: 'POST', url: '/api/assignments' });
    expect(assign.request.body).toEqual({ moduleSlug: 'power', userIds: ['p1'], dueOn: '2026-12-31' });
    assign.flush({ assigned: 1, alreadyAssigned: [], alreadyCompleted: [], notFound: 0 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    fixture.detectChanges();
    backend.expectOne((r) => r.url === '/api/assignments').flush([ASSIGNMENT]);
    await settle(fixture);
    expect(page.textContent).toContain('“Power relations” assigned.');

    button('Send a reminder now').click();
    backend
      .expectOne({ method: 'POST', url: '/api/assignments/reminders' })
      .flush({ queued: 0, alreadyRemindedToday: 1, nothingOpen: 0, noEmail: 0, notFound: 0 });
    await settle(fixture);
    expect(page.textContent).toContain('You already reminded this person today');
  });

  it('grants HR admin only after a confirmation, on the person’s page', async () => {
    await openExisting();
    button('Make HR admin').click();
    await fixture.whenStable();
    const dialog = field<HTMLDialogElement>('hr-role-heading').closest('dialog') as HTMLDialogElement;
    expect(dialog.open).toBe(true);
    expect(dialog.textContent).toContain('Make Budi Santoso an HR admin?');
    backend.expectNone((r) => r.url.endsWith('/roles'));
    button('Yes, make HR admin', dialog).click();
    const req = backend.expectOne('/api/users/p1/roles');
    expect(req.request.body).toEqual({ roles: ['employee', 'hr_admin'] });
    req.flush({});
    await new Promise((resolve) => setTimeout(resolve, 0));
    fixture.detectChanges();
    backend.expectOne('/api/users/p1').flush({ ...PERSON, roles: ['employee', 'hr_admin'] });
    await settle(fixture);
    expect(dialog.open).toBe(false);
    expect(page.textContent).toContain('Budi Santoso is now an HR admin.');
  });
});
