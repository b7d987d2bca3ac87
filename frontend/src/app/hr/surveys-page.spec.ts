import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { userWith } from '../../testing/users';
import { LanguageStore } from '../core/session/language-store';
import { SessionStore } from '../core/session/session-store';
import { SurveysPage } from './surveys-page';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('SurveysPage (HR)', () => {
  let fixture: ComponentFixture<SurveysPage>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({ imports: [SurveysPage, translocoTesting()], providers: [provideHttpClient(), provideHttpClientTesting()] }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(LanguageStore).use('en');
    const session = TestBed.inject(SessionStore);
    const loaded = session.load();
    backend.expectOne('/api/me').flush(userWith(['employee', 'hr_admin']));
    await loaded;
    fixture = TestBed.createComponent(SurveysPage);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    backend.expectOne((r) => r.url === '/api/surveys/questionnaires').flush([{ slug: 'climate-2026', title: 'Climate survey' }]);
    backend.expectOne((r) => r.url === '/api/organizations/org-1/survey-waves').flush([
      { id: 'w1', title: 'Climate survey', audience: 'everyone', opensOn: '2026-06-01', closesOn: '2026-06-30', open: false, closed: true, responses: 12, participants: 12 },
    ]);
    await settle(fixture);
  });
  afterEach(() => backend.verify());

  it('opens a wave with the chosen questionnaire and dates, and marks the field the server refuses', async () => {
    const set = (id: string, value: string) => {
      const input = page.querySelector(`#${id}`) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('change'));
    };
    set('wave-opens', '2026-12-01');
    set('wave-closes', '2026-11-01');
    (page.querySelector('form button[type=submit]') as HTMLButtonElement).click();
    const refused = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/surveys/waves');
    expect(refused.request.body).toEqual({ questionnaire: 'climate-2026', audience: 'everyone', opensOn: '2026-12-01', closesOn: '2026-11-01' });
    refused.flush({ statusCode: 400, message: 'closesOn must not be before opensOn', fields: [{ field: 'closesOn', message: 'closesOn must not be before opensOn' }] }, { status: 400, statusText: 'Bad Request' });
    await settle(fixture);
    expect(page.querySelector('#wave-closes')?.getAttribute('aria-invalid')).toBe('true');
    expect(page.textContent).toContain('closesOn must not be before opensOn');

    set('wave-closes', '2026-12-31');
    (page.querySelector('form button[type=submit]') as HTMLButtonElement).click();
    backend.expectOne((r) => r.method === 'POST' && r.url === '/api/surveys/waves').flush({ id: 'w2' });
    await tick();
    backend.expectOne((r) => r.url === '/api/organizations/org-1/survey-waves').flush([]);
    await settle(fixture);
    expect(page.querySelector('[role=status]')?.textContent).toContain('The wave is open');
  });

  it('shows the results per group as the server published them, hidden groups said as such, free text for everyone only', async () => {
    (page.querySelector('tbody button') as HTMLButtonElement).click();
    fixture.detectChanges();
    await tick();
    backend.expectOne((r) => r.url === '/api/surveys/w1/results' && !r.params.has('groupBy')).flush({ responses: 12, suppressed: false, k: 5, groups: [], questions: [], freeText: [] });
    await settle(fixture);
    const select = page.querySelector('#results-group-by') as HTMLSelectElement;
    select.value = 'role';
    select.dispatchEvent(new Event('change'));
    fixture.detectChanges();
    await tick();
    backend.expectOne((r) => r.url === '/api/surveys/w1/results' && r.params.get('groupBy') === 'role').flush({
      responses: 12,
      suppressed: false,
      k: 5,
      groups: [],
      questions: [
        {
          id: 'know-where',
          text: 'I know where to report.',
          options: [{ id: 'agree', text: 'Agree' }, { id: 'disagree', text: 'Disagree' }],
          overall: { counts: { agree: 9, disagree: 3 }, suppressed: false },
          groups: [
            { group: 'leaders', counts: null, suppressed: true },
            { group: 'staff', counts: { agree: 7, disagree: 2 }, suppressed: false },
          ],
        },
      ],
      freeText: [{ questionId: 'comments', text: 'Any suggestion?', answers: ['More posters'], suppressed: false }],
    });
    await settle(fixture);
    const rows = Array.from(page.querySelectorAll('table:has(caption#q-know-where) tbody tr')).map((tr) => Array.from(tr.children).map((c) => c.textContent!.replace(/\s+/g, ' ').trim()));
    expect(rows).toEqual([
      ['Everyone', '9', '3'],
      ['leaders (hidden: too few answers)', '–', '–'],
      ['staff', '7', '2'],
    ]);
    expect(page.textContent).toContain('More posters');
    expect(page.textContent).toContain('For the whole organisation only');
  });

  it('says so and offers a retry when the results cannot be read, instead of breaking the page', async () => {
    (page.querySelector('tbody button') as HTMLButtonElement).click();
    fixture.detectChanges();
    await tick();
    backend.expectOne((r) => r.url === '/api/surveys/w1/results').flush({ message: 'boom' }, { status: 500, statusText: 'Server Error' });
    await settle(fixture);
    expect(page.querySelector('#results-heading')).not.toBeNull();
    expect(page.querySelector('[role=alert]:not(:empty)')?.textContent).toContain('Something went wrong on the server');
  });
});
