import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { LanguageStore } from '../core/session/language-store';
import { MySurvey } from './survey-api';
import { SurveyPage } from './survey-page';

const SURVEY: MySurvey = {
  id: 'w1',
  title: 'Workplace Climate Survey',
  opensOn: '2026-12-01',
  closesOn: '2026-12-31',
  answered: false,
  intro: 'This survey is anonymous.',
  contentNote: 'Content note: some questions ask about harassment.',
  support: 'SAPA 129 (phone 021-129)',
  questions: [
    { id: 'know-where', type: 'likert', text: 'I know where to report.', optional: false, sensitive: false, maxLength: null, options: [{ id: 'agree', text: 'Agree' }, { id: 'disagree', text: 'Disagree' }] },
    { id: 'witnessed', type: 'single', text: 'Did you witness harassment?', optional: false, sensitive: true, maxLength: null, options: [{ id: 'no', text: 'No' }, { id: 'prefer-not', text: 'Prefer not to say' }] },
    { id: 'comments', type: 'free_text', text: 'Any suggestion?', optional: true, sensitive: false, maxLength: 1000, options: [] },
  ],
};

describe('SurveyPage', () => {
  let fixture: ComponentFixture<SurveyPage>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [SurveyPage, translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(LanguageStore).use('en');
  });
  afterEach(() => backend.verify());

  async function open(surveys: MySurvey[]): Promise<void> {
    fixture = TestBed.createComponent(SurveyPage);
    page = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('waveId', 'w1');
    fixture.detectChanges();
    const req = backend.expectOne((r) => r.url === '/api/my/surveys');
    expect(req.request.params.get('lang')).toBe('en');
    req.flush(surveys);
    await settle(fixture);
  }
  const submit = () => (page.querySelector('button[type=submit]') as HTMLButtonElement).click();

  it('shows the content note and support contacts first, refuses an unanswered question, sends the answers once, then thanks', async () => {
    await open([SURVEY]);
    const note = page.querySelector('[role=note]')!;
    expect(note.textContent).toContain('Content note: some questions ask about harassment.');
    expect(note.textContent).toContain('SAPA 129');
    const fieldsets = page.querySelectorAll('fieldset');
    expect(fieldsets).toHaveLength(2);
    expect(fieldsets[0].querySelector('legend')?.textContent).toContain('I know where to report.');
    expect(page.querySelector<HTMLTextAreaElement>('textarea#survey-comments')?.labels?.[0]?.textContent).toContain('Any suggestion?');

    (fieldsets[0].querySelector('input') as HTMLInputElement).click();
    submit();
    await settle(fixture);
    backend.expectNone((r) => r.method === 'POST');
    expect(fieldsets[1].textContent).toContain('Choose an answer to this question.');
    expect(fieldsets[1].getAttribute('aria-describedby')).toBe('survey-witnessed-hint survey-witnessed-error');

    (fieldsets[1].querySelectorAll('input')[1] as HTMLInputElement).click();
    const text = page.querySelector('textarea') as HTMLTextAreaElement;
    text.value = 'More training for managers';
    text.dispatchEvent(new Event('input'));
    submit();
    const req = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/surveys/w1/responses');
    expect(req.request.body).toEqual({ answers: { 'know-where': 'agree', witnessed: 'prefer-not', comments: 'More training for managers' } });
    req.flush({ waveId: 'w1', answeredOn: '2026-12-05' });
    await settle(fixture);
    const done = page.querySelector('[role=status] h1') as HTMLElement;
    expect(done.textContent).toContain('Thank you: your answers were received');
    expect(document.activeElement).toBe(done);
    expect(page.querySelector('form')).toBeNull();
  });

  it('says so when the survey was already answered or is not open', async () => {
    await open([{ ...SURVEY, answered: true }]);
    expect(page.textContent).toContain('You have already answered this survey.');
    expect(page.querySelector('form')).toBeNull();
  });

  it('says so when the wave is not among the open ones', async () => {
    await open([]);
    expect(page.textContent).toContain('This survey is not open for you.');
  });
});
