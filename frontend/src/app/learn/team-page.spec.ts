import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { LanguageStore } from '../core/session/language-store';
import { Team, TeamPerson } from './team-models';
import { TeamPage } from './team-page';

const ANI: TeamPerson = {
  id: 'p1',
  name: 'Ani Lestari',
  unitName: 'Seksi Data',
  remindedToday: false,
  hasOpen: true,
  assignments: [
    {
      module: { slug: 'basics', title: 'Recognising harassment' },
      status: 'overdue',
      dueAt: '2026-11-30',
      completedAt: null,
    },
    {
      module: { slug: 'power', title: 'Power relations' },
      status: 'completed',
      dueAt: '2026-11-30',
      completedAt: '2026-11-20T03:00:00Z',
    },
  ],
};
const BUDI: TeamPerson = {
  id: 'p2',
  name: 'Budi Santoso',
  unitName: 'Bidang Umum',
  remindedToday: true,
  hasOpen: true,
  assignments: [],
};

function teamOf(people: TeamPerson[]): Team {
  return {
    units: [
      { id: 'u1', name: 'Bidang Umum', parentId: null },
      { id: 'u2', name: 'Seksi Data', parentId: 'u1' },
    ],
    people,
    total: people.length,
    page: 1,
    pageSize: 100,
  };
}

describe('TeamPage', () => {
  let fixture: ComponentFixture<TeamPage>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [TeamPage, translocoTesting()],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(LanguageStore).use('en');
    fixture = TestBed.createComponent(TeamPage);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    backend
      .expectOne((r) => r.url === '/api/modules')
      .flush([
        { slug: 'basics', title: 'Recognising harassment' },
        { slug: 'power', title: 'Power relations' },
      ]);
  });

  afterEach(() => backend.verify());

  function team(): TestRequest {
    return backend.expectOne((r) => r.url === '/api/my/team');
  }

  function choose(id: string, value: string): void {
    const select = page.querySelector<HTMLSelectElement>(`#${id}`);
    if (!select) throw new Error(`no #${id}`);
    select.value = value;
    select.dispatchEvent(new Event('change'));
  }

  function button(text: string): HTMLButtonElement | undefined {
    return Array.from(page.querySelectorAll<HTMLButtonElement>('button')).find(
      (b) => b.textContent?.includes(text),
    );
  }

  it('lists each person with status badges and dates, and filters on the server', async () => {
    const first = team();
    expect(first.request.params.get('lang')).toBe('en');
    expect(first.request.params.has('status')).toBe(false);
    first.flush(teamOf([ANI, BUDI]));
    await settle(fixture);

    const rows = page.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(2);
    expect(rows[0].querySelector('th')?.textContent).toContain('Ani Lestari');
    expect(rows[0].textContent).toContain('Seksi Data');
    const badges = Array.from(rows[0].querySelectorAll('.badge')).map((b) =>
      b.textContent?.trim(),
    );
    expect(badges).toEqual(['Overdue', 'Completed']);
    expect(rows[0].textContent).toContain('due');
    expect(rows[0].textContent).toContain('completed');
    expect(rows[1].textContent).toContain('Nothing assigned');
    // Already reminded today: no button, a note instead.
    expect(rows[1].querySelector('button')).toBeNull();
    expect(rows[1].textContent).toContain('Reminded today');

    choose('team-module', 'basics');
    choose('team-status', 'overdue');
    choose('team-unit', 'u2');
    page.querySelector('form')?.dispatchEvent(new Event('submit'));
    fixture.detectChanges();
    const filtered = team();
    expect(filtered.request.params.get('module')).toBe('basics');
    expect(filtered.request.params.get('status')).toBe('overdue');
    expect(filtered.request.params.get('unitId')).toBe('u2');
    filtered.flush(teamOf([]));
    await settle(fixture);
    expect(page.textContent).toContain(
      'No one in your team matches these filters.',
    );

    button('Clear filters')?.click();
    fixture.detectChanges();
    const cleared = team();
    expect(cleared.request.params.has('module')).toBe(false);
    cleared.flush(teamOf([]));
    await settle(fixture);
    expect(page.textContent).toContain('No one is in your team yet.');
  });

  it('sends a reminder, announces it and turns the button off; a 429 says why', async () => {
    team().flush(teamOf([ANI, { ...BUDI, id: 'p3', remindedToday: false }]));
    await settle(fixture);

    const [aniButton] = Array.from(
      page.querySelectorAll<HTMLButtonElement>('tbody button'),
    );
    expect(aniButton.textContent).toContain('Send a reminder');
    expect(aniButton.textContent).toContain('Ani Lestari');
    aniButton.click();
    backend
      .expectOne({ method: 'POST', url: '/api/my/team/p1/reminders' })
      .flush(null, { status: 202, statusText: 'Accepted' });
    await settle(fixture);
    expect(page.querySelector('[role="status"]')?.textContent).toContain(
      'A reminder to Ani Lestari is on its way.',
    );
    const rows = page.querySelectorAll('tbody tr');
    expect(rows[0].querySelector('button')).toBeNull();
    expect(rows[0].textContent).toContain('Reminded today');

    rows[1].querySelector<HTMLButtonElement>('button')?.click();
    backend.expectOne({ method: 'POST', url: '/api/my/team/p3/reminders' }).flush(
      {
        statusCode: 429,
        message:
          'You already sent Budi Santoso a reminder today; you can send the next one tomorrow',
      },
      { status: 429, statusText: 'Too Many Requests' },
    );
    await settle(fixture);
    expect(page.querySelector('[role="alert"]')?.textContent).toContain(
      'You already sent Budi Santoso a reminder today',
    );
    expect(page.querySelectorAll('tbody tr')[1].querySelector('button')).toBeNull();
  });

  it('tells someone who is not a leader that the view is for leaders', async () => {
    team().flush(
      { statusCode: 403, message: 'Only leaders have a team view' },
      { status: 403, statusText: 'Forbidden' },
    );
    await settle(fixture);
    expect(page.textContent).toContain('Only unit leaders have a team view.');
    expect(page.querySelector('form')).toBeNull();
  });
});
