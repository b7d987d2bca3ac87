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
import { AttemptStore } from './attempt-store';
import { AttemptResult, ModuleContent } from './module-content';
import { QuizPage } from './quiz-page';

const MODULE: ModuleContent = {
  slug: 'basics',
  title: 'Recognising harassment',
  summary: 'What harassment is.',
  audience: 'everyone',
  version: 'abc',
  passMark: 80,
  estimatedMinutes: 20,
  lang: 'en',
  assignment: {
    id: 'a1',
    status: 'in_progress',
    dueAt: '2026-03-31',
    completedAt: null,
  },
  lessons: [
    { id: 'l1', title: 'One', body: '<h1>One</h1>', minSeconds: 0, read: true, secondsLeft: 0 },
  ],
  quiz: {
    unlocked: true,
    questions: [
      {
        id: 'q1-consent',
        text: 'What makes a remark harassment?',
        multiple: false,
        options: [
          { id: 'a', text: 'The intent of the speaker' },
          { id: 'b', text: 'That it is unwanted' },
          { id: 'c', text: 'That it is repeated' },
        ],
      },
      {
        id: 'q2-forms',
        text: 'Which of these can be harassment?',
        multiple: true,
        options: [
          { id: 'a', text: 'Comments on someone’s body' },
          { id: 'b', text: 'A work meeting' },
          { id: 'c', text: 'Unwanted messages at night' },
        ],
      },
    ],
  },
};

const RESULT: AttemptResult = {
  id: 'attempt-1',
  score: 100,
  passed: true,
  passMark: 80,
  feedback: [],
  certificateSerial: '7K3M-Q9TX-4B2N-8WZR-1HDF',
  attemptsLeftToday: 2,
};

const UUID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('QuizPage', () => {
  let fixture: ComponentFixture<QuizPage>;
  let page: HTMLElement;
  let backend: HttpTestingController;
  let navigate: jest.SpyInstance;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [QuizPage, translocoTesting()],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    navigate = jest
      .spyOn(TestBed.inject(Router), 'navigate')
      .mockResolvedValue(true);
    TestBed.inject(LanguageStore).use('en');
    fixture = TestBed.createComponent(QuizPage);
    page = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('slug', 'basics');
    fixture.detectChanges();
  });

  afterEach(() => backend.verify());

  async function load(module: ModuleContent = MODULE): Promise<void> {
    backend.expectOne((r) => r.url === '/api/modules/basics').flush(module);
    await settle(fixture);
  }

  function choose(questionId: string, optionId: string): void {
    const input = page.querySelector<HTMLInputElement>(
      `#quiz-${questionId}-${optionId}`,
    );
    if (!input) throw new Error(`no option ${questionId}/${optionId}`);
    input.click();
  }

  async function submit(): Promise<void> {
    page
      .querySelector('form')
      ?.dispatchEvent(new Event('submit', { cancelable: true }));
    await fixture.whenStable();
  }

  function attempts(): TestRequest[] {
    return backend.match((r) => r.url === '/api/modules/basics/attempts');
  }

  function submitButton(): HTMLButtonElement | null {
    return page.querySelector<HTMLButtonElement>('button[type="submit"]');
  }

  it('asks each question in a fieldset: radio buttons for one answer, checkboxes for several', async () => {
    await load();
    const fieldsets = page.querySelectorAll('fieldset');
    expect(fieldsets).toHaveLength(2);
    expect(fieldsets[0].querySelector('legend')?.textContent).toContain(
      'What makes a remark harassment?',
    );
    expect(
      fieldsets[0].querySelectorAll(
        'input[type="radio"][name="quiz-q1-consent"]',
      ),
    ).toHaveLength(3);
    expect(
      fieldsets[1].querySelectorAll('input[type="checkbox"]'),
    ).toHaveLength(3);
    expect(
      page.querySelector('label[for="quiz-q2-forms-c"]')?.textContent,
    ).toContain('Unwanted messages at night');
  });

  it('lists the unanswered questions instead of submitting', async () => {
    await load();
    choose('q1-consent', 'b');
    await fixture.whenStable();
    expect(page.querySelector('#quiz-unanswered')?.textContent).toContain(
      'Not answered yet: 1 of 2 questions',
    );

    await submit();

    expect(attempts()).toHaveLength(0);
    const summary = page.querySelector('#quiz-unanswered');
    expect(summary?.getAttribute('role')).toBe('alert');
    expect(summary?.textContent).toContain('Go to question 2');
    expect(page.querySelector('#quiz-q2-forms-error')?.textContent).toContain(
      'Answer this question.',
    );
    expect(document.activeElement).toBe(summary);
  });

  it('sends the chosen option ids per question, with one Idempotency-Key reused on retry', async () => {
    await load();
    choose('q1-consent', 'a');
    choose('q1-consent', 'b');
    choose('q2-forms', 'c');
    choose('q2-forms', 'b');
    choose('q2-forms', 'a');
    choose('q2-forms', 'b');
    await fixture.whenStable();

    await submit();
    const [first] = attempts();
    expect(first.request.method).toBe('POST');
    expect(first.request.params.get('lang')).toBe('en');
    expect(first.request.body).toEqual({
      answers: { 'q1-consent': ['b'], 'q2-forms': ['a', 'c'] },
    });
    const key = first.request.headers.get('Idempotency-Key');
    expect(key).toMatch(UUID);
    expect(submitButton()?.disabled).toBe(true);

    // A second click while the first is on its way sends nothing more.
    await submit();
    expect(attempts()).toHaveLength(0);

    first.error(new ProgressEvent('error'));
    await settle(fixture);
    expect(submitButton()?.disabled).toBe(false);
    expect(page.querySelector('#quiz-error')?.textContent).toContain(
      'The server could not be reached',
    );

    await submit();
    const [retry] = attempts();
    expect(retry.request.headers.get('Idempotency-Key')).toBe(key);
    expect(retry.request.body).toEqual(first.request.body);
    retry.flush(RESULT);
    await settle(fixture);

    expect(navigate).toHaveBeenCalledWith([
      '/learn/modules',
      'basics',
      'result',
    ]);
    expect(TestBed.inject(AttemptStore).for('basics')).toMatchObject({
      moduleTitle: 'Recognising harassment',
      answers: { 'q1-consent': ['b'], 'q2-forms': ['a', 'c'] },
      result: RESULT,
    });
  });

  it('says when the daily attempt limit is reached (429), with the server’s words', async () => {
    await load();
    choose('q1-consent', 'b');
    choose('q2-forms', 'a');
    await submit();
    attempts()[0].flush(
      {
        statusCode: 429,
        message:
          "You have used today's 3 attempts for this quiz. Review the lessons and try again tomorrow.",
      },
      { status: 429, statusText: 'Too Many Requests' },
    );
    await settle(fixture);

    const alert = page.querySelector('#quiz-error');
    expect(alert?.textContent).toContain('No more attempts today');
    expect(alert?.textContent).toContain("You have used today's 3 attempts");
    expect(navigate).not.toHaveBeenCalled();
  });

  it('marks the questions the server refused (400)', async () => {
    await load();
    choose('q1-consent', 'b');
    choose('q2-forms', 'a');
    await submit();
    attempts()[0].flush(
      {
        statusCode: 400,
        message: 'answers.q2-forms: unknown option(s) z',
        fields: [
          {
            field: 'answers.q2-forms',
            message: 'answers.q2-forms: unknown option(s) z',
          },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);

    expect(page.querySelector('#quiz-q2-forms-error')?.textContent).toContain(
      'This answer was not accepted',
    );
    expect(page.querySelector('#quiz-q1-consent-error')).toBeNull();
    expect(
      page.querySelectorAll('fieldset')[1].getAttribute('aria-describedby'),
    ).toContain('quiz-q2-forms-error');
    expect(page.querySelector('#quiz-error')?.textContent).toContain(
      'Some answers were not accepted',
    );
  });

  it('shows the conflict from the server (409) in the alert region', async () => {
    await load();
    choose('q1-consent', 'b');
    choose('q2-forms', 'a');
    await submit();
    attempts()[0].flush(
      {
        statusCode: 409,
        message: 'Read every lesson first: 1 of 4 still to read',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle(fixture);

    const alert = page.querySelector('#quiz-error[role="alert"]');
    expect(alert?.textContent).toContain(
      'The quiz cannot be submitted right now',
    );
    expect(alert?.textContent).toContain('Read every lesson first');
  });

  it('sends the learner back to the lessons while the quiz is locked', async () => {
    await load({ ...MODULE, quiz: { ...MODULE.quiz, unlocked: false } });

    expect(page.querySelector('form')).toBeNull();
    expect(page.textContent).toContain(
      'Read every lesson before taking the quiz.',
    );
  });
});
