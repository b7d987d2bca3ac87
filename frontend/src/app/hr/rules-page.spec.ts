import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { LanguageStore } from '../core/session/language-store';
import { Unit } from './hr-models';
import { RulesPage } from './rules-page';
import {
  AssignmentRule,
  AssignmentRuleChange,
  CatalogModule,
  ReminderSettings,
} from './rule-models';

const MODULES: CatalogModule[] = [
  {
    slug: 'recognising-harassment',
    title: 'Recognising harassment',
    audience: 'everyone',
    version: 2,
    estimatedMinutes: 25,
  },
  {
    slug: 'leading-safely',
    title: 'Leading safely',
    audience: 'leaders',
    version: 1,
    estimatedMinutes: 30,
  },
];

const UNITS: Unit[] = [
  { id: 'u1', code: 'SEKRETARIAT', name: 'Sekretariat', parentId: null },
  { id: 'u2', code: 'SEK-UMUM', name: 'Subbagian Umum', parentId: 'u1' },
];

const RULE: AssignmentRule = {
  id: 'r1',
  moduleSlug: 'recognising-harassment',
  audience: 'staff',
  unitId: 'u2',
  employmentType: 'contract',
  dueWithinDays: 30,
  dueFrom: 'hire_date',
  recurrence: { enabled: true, windowDays: 45 },
  hiredAfter: '2026-01-01',
  startsOn: '2026-01-05',
  active: true,
  openAssignments: 12,
};

const SETTINGS: ReminderSettings = {
  reminderHour: 8,
  remindDaysBefore: [7, 1],
  escalateAfterDays: 7,
  overdueEveryDays: 7,
};

describe('RulesPage', () => {
  let fixture: ComponentFixture<RulesPage>;
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
      imports: [RulesPage, translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(LanguageStore).use('en');
    fixture = TestBed.createComponent(RulesPage);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    backend.expectOne('/api/assignment-rules').flush([RULE]);
    const modules = backend.expectOne((r) => r.url === '/api/modules');
    expect(modules.request.params.get('lang')).toBe('en');
    modules.flush(MODULES);
    backend.expectOne('/api/units').flush(UNITS);
    backend.expectOne('/api/assignment-rules/settings').flush(SETTINGS);
    await settle(fixture);
  });

  afterEach(() => backend.verify());

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

  async function submit(formId: string): Promise<void> {
    field<HTMLFormElement>(formId).dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  }

  function changed(
    rule: Partial<AssignmentRule>,
    opened: number,
  ): AssignmentRuleChange {
    return { ...RULE, ...rule, assignmentsOpened: opened };
  }

  it('lists the rules in words', () => {
    const row = page.querySelector('#rules-caption ~ tbody tr');
    expect(row?.querySelector('th')?.textContent).toContain(
      'Recognising harassment',
    );
    expect(row?.textContent).toContain('Staff only');
    expect(row?.textContent).toContain('Subbagian Umum');
    expect(row?.textContent).toContain('Contract');
    expect(row?.textContent).toContain('Within 30 days');
    expect(row?.textContent).toContain('from the hire date');
    expect(row?.textContent).toContain('45 days before');
    expect(row?.textContent).toContain('Hired after');
  });

  it('creates a rule with exactly the body the API takes', async () => {
    choose('rule-moduleSlug', 'leading-safely');
    field('rule-audience-leaders').click();
    choose('rule-unitId', 'u1');
    type('rule-dueWithinDays', '14');
    choose('rule-dueFrom', 'became_leader');
    field('rule-recurrenceEnabled').click();
    await fixture.whenStable();
    type('rule-windowDays', '60');
    await submit('rule-form');

    const req = backend.expectOne('/api/assignment-rules');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      moduleSlug: 'leading-safely',
      audience: 'leaders',
      unitId: 'u1',
      dueWithinDays: 14,
      dueFrom: 'became_leader',
      recurrence: { enabled: true, windowDays: 60 },
    });
    req.flush(
      changed(
        {
          id: 'r2',
          moduleSlug: 'leading-safely',
          audience: 'leaders',
          unitId: 'u1',
          employmentType: null,
        },
        4,
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    fixture.detectChanges();
    backend.expectOne('/api/assignment-rules').flush([RULE]);
    await settle(fixture);
    expect(page.querySelector('#rules-outcome')?.textContent).toContain(
      'The rule for “Leading safely” has been created.',
    );
    expect(page.querySelector('#rules-outcome')?.textContent).toContain(
      'Assignments opened right away: 4.',
    );
    expect(field<HTMLSelectElement>('rule-moduleSlug').value).toBe('');
  });

  it('previews how many people a rule reaches before it is saved, hired-after date included', async () => {
    choose('rule-moduleSlug', 'recognising-harassment');
    type('rule-hiredAfter', '2026-01-01');
    await fixture.whenStable();
    Array.from(page.querySelectorAll<HTMLButtonElement>('#rule-form button'))
      .find((b) => b.textContent?.includes('How many people'))
      ?.click();
    const req = backend.expectOne({
      method: 'POST',
      url: '/api/assignment-rules/preview',
    });
    expect(req.request.body).toEqual({
      moduleSlug: 'recognising-harassment',
      audience: 'everyone',
      dueWithinDays: 30,
      dueFrom: 'rule_start',
      recurrence: { enabled: false },
      hiredAfter: '2026-01-01',
    });
    req.flush({ count: 17 });
    await settle(fixture);
    const status = page.querySelector('#rule-form [role="status"]');
    expect(status?.textContent).toContain(
      'Saved now, this rule would reach 17 people.',
    );

    // Changing the rule makes the figure stale: it goes away.
    type('rule-hiredAfter', '2025-01-01');
    await settle(fixture);
    expect(status?.textContent?.trim()).toBe('');

    await submit('rule-form');
    const create = backend.expectOne('/api/assignment-rules');
    expect(create.request.body).toMatchObject({ hiredAfter: '2025-01-01' });
    create.flush(changed({ id: 'r3' }, 20));
    await new Promise((resolve) => setTimeout(resolve, 0));
    fixture.detectChanges();
    backend.expectOne('/api/assignment-rules').flush([RULE]);
    await settle(fixture);
  });

  it('checks the module and the number of days before sending', async () => {
    type('rule-dueWithinDays', '400');
    await submit('rule-form');
    backend.expectNone('/api/assignment-rules');
    expect(page.querySelector('#rule-moduleSlug-error')?.textContent).toContain(
      'This field is required.',
    );
    expect(
      page.querySelector('#rule-dueWithinDays-error')?.textContent,
    ).toContain('Enter a whole number from 1 to 365.');
  });

  it('changes a rule without its module, widening with null', async () => {
    Array.from(page.querySelectorAll<HTMLButtonElement>('button'))
      .find((b) => b.textContent?.includes('Change'))
      ?.click();
    await fixture.whenStable();
    expect(page.querySelector('#rule-form-heading')?.textContent).toContain(
      'Change the rule for “Recognising harassment”',
    );
    expect(field<HTMLSelectElement>('rule-moduleSlug').disabled).toBe(true);
    expect(field<HTMLSelectElement>('rule-unitId').value).toBe('u2');

    choose('rule-unitId', '');
    choose('rule-employmentType', '');
    field('rule-audience-everyone').click();
    field('rule-recurrenceEnabled').click();
    await submit('rule-form');

    const req = backend.expectOne('/api/assignment-rules/r1');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({
      audience: 'everyone',
      unitId: null,
      employmentType: null,
      dueWithinDays: 30,
      dueFrom: 'hire_date',
      recurrence: { enabled: false },
      hiredAfter: '2026-01-01',
    });
    req.flush(changed({ audience: 'everyone', unitId: null }, 0));
    await new Promise((resolve) => setTimeout(resolve, 0));
    fixture.detectChanges();
    backend.expectOne('/api/assignment-rules').flush([RULE]);
    await settle(fixture);
    expect(page.querySelector('#rules-outcome')?.textContent).toContain(
      'has been changed',
    );
  });

  it('previews the reach of a rule being changed, for the edited terms, before saving', async () => {
    Array.from(page.querySelectorAll<HTMLButtonElement>('button'))
      .find((b) => b.textContent?.includes('Change'))
      ?.click();
    await fixture.whenStable();
    choose('rule-unitId', '');
    field('rule-audience-everyone').click();
    await fixture.whenStable();
    const previewButton = Array.from(
      page.querySelectorAll<HTMLButtonElement>('#rule-form button'),
    ).find((b) => b.textContent?.includes('How many people'));
    expect(previewButton).toBeDefined();
    previewButton?.click();

    const req = backend.expectOne({
      method: 'POST',
      url: '/api/assignment-rules/preview',
    });
    // The rule's own module (its field is locked) with the terms as edited, not as saved.
    expect(req.request.body).toEqual({
      moduleSlug: 'recognising-harassment',
      audience: 'everyone',
      employmentType: 'contract',
      dueWithinDays: 30,
      dueFrom: 'hire_date',
      recurrence: { enabled: true, windowDays: 45 },
      hiredAfter: '2026-01-01',
    });
    req.flush({ count: 9 });
    await settle(fixture);
    const status = page.querySelector('#rule-form [role="status"]');
    expect(status?.textContent).toContain(
      'Saved now with these terms, the rule would assign it to 9 more people',
    );

    type('rule-dueWithinDays', '14');
    await settle(fixture);
    expect(status?.textContent?.trim()).toBe('');
  });

  it('deactivates a rule after confirming', async () => {
    Array.from(page.querySelectorAll<HTMLButtonElement>('tbody button'))
      .find((b) => b.textContent?.includes('Deactivate'))
      ?.click();
    await fixture.whenStable();
    const dialog = page.querySelector('dialog');
    expect(dialog?.open).toBe(true);
    expect(dialog?.textContent).toContain('open now: 12');
    dialog?.querySelector<HTMLButtonElement>('.button-danger')?.click();
    const req = backend.expectOne('/api/assignment-rules/r1');
    expect(req.request.method).toBe('DELETE');
    req.flush({ ...RULE, active: false });
    await new Promise((resolve) => setTimeout(resolve, 0));
    fixture.detectChanges();
    backend
      .expectOne('/api/assignment-rules')
      .flush([{ ...RULE, active: false }]);
    await settle(fixture);
    expect(dialog?.open).toBe(false);
    expect(page.querySelector('#rules-caption ~ tbody')?.textContent).toContain(
      'Deactivated',
    );
  });

  it('saves the reminder settings', async () => {
    expect(field('reminders-remindDaysBefore').value).toBe('7, 1');
    type('reminders-remindDaysBefore', '1 14,7');
    const hour = Array.from(
      field<HTMLSelectElement>('reminders-reminderHour').options,
    ).find((o) => o.textContent?.trim() === '06.00');
    choose('reminders-reminderHour', hour?.value ?? '');
    type('reminders-escalateAfterDays', '10');
    await submit('reminders-form');

    const req = backend.expectOne('/api/assignment-rules/settings');
    expect(req.request.method).toBe('PUT');
    expect(req.request.body).toEqual({
      reminderHour: 6,
      remindDaysBefore: [14, 7, 1],
      escalateAfterDays: 10,
      overdueEveryDays: 7,
    });
    req.flush({ ...SETTINGS, reminderHour: 6, remindDaysBefore: [14, 7, 1] });
    await settle(fixture);
    expect(page.textContent).toContain(
      'The reminder settings have been saved.',
    );
    expect(field('reminders-remindDaysBefore').value).toBe('14, 7, 1');
  });

  it('refuses a list of reminder days the server would refuse', async () => {
    type('reminders-remindDaysBefore', '7, 7');
    await submit('reminders-form');
    backend.expectNone('/api/assignment-rules/settings');
    expect(
      page.querySelector('#reminders-remindDaysBefore-error')?.textContent,
    ).toContain('up to 5 different whole numbers');
  });
});
