import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { translocoTesting } from '../../testing/transloco-testing';
import { AttemptStore, LastAttempt } from './attempt-store';
import { ResultPage } from './result-page';

const QUESTIONS: LastAttempt['questions'] = [
  {
    id: 'q1',
    text: 'What makes a remark harassment?',
    multiple: false,
    options: [
      { id: 'a', text: 'The intent of the speaker' },
      { id: 'b', text: 'That it is unwanted' },
    ],
  },
  {
    id: 'q2',
    text: 'Which of these can be harassment?',
    multiple: true,
    options: [
      { id: 'a', text: 'Comments on someone’s body' },
      { id: 'b', text: 'A work meeting' },
      { id: 'c', text: 'Unwanted messages at night' },
    ],
  },
];

function attempt(result: Partial<LastAttempt['result']>): LastAttempt {
  return {
    slug: 'basics',
    moduleTitle: 'Recognising harassment',
    questions: QUESTIONS,
    answers: { q1: ['a'], q2: ['a', 'c'] },
    result: {
      id: 'attempt-1',
      score: 50,
      passed: false,
      passMark: 80,
      feedback: [
        {
          questionId: 'q1',
          correct: false,
          explanation: 'Intent does not decide: how it is received does.',
        },
        {
          questionId: 'q2',
          correct: true,
          explanation: 'Both are forms of sexual harassment.',
        },
      ],
      attemptsLeftToday: 2,
      ...result,
    },
  };
}

describe('ResultPage', () => {
  let fixture: ComponentFixture<ResultPage>;
  let page: HTMLElement;

  async function render(last: LastAttempt | null): Promise<void> {
    await TestBed.configureTestingModule({
      imports: [ResultPage, translocoTesting()],
      providers: [provideRouter([])],
    }).compileComponents();
    if (last) TestBed.inject(AttemptStore).record(last);
    fixture = TestBed.createComponent(ResultPage);
    page = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('slug', 'basics');
    await fixture.whenStable();
    await fixture.whenStable();
  }

  function feedback(): HTMLElement[] {
    return Array.from(
      page.querySelectorAll<HTMLElement>('.feedback-list > li'),
    );
  }

  it('says how many options a partly right multiple-choice answer left out and chose wrongly, without naming them', async () => {
    await render(
      attempt({
        feedback: [
          { questionId: 'q1', correct: true, explanation: 'Right.' },
          {
            questionId: 'q2',
            correct: false,
            explanation: 'Comments on the body are harassment. A meeting is not.',
            missed: 1,
            wronglyChosen: 1,
          },
        ],
      }),
    );

    const [first, second] = feedback();
    expect(first.textContent).not.toContain('What to check');
    expect(second.textContent).toContain('What to check');
    expect(second.textContent).toContain('Correct options you left out: 1.');
    expect(second.textContent).toContain('Options you chose that are not correct: 1.');
    expect(second.querySelector('.correct-answer')).toBeNull();
  });

  it('announces a fail, explains each answer without giving the right ones away, and offers another try', async () => {
    await render(attempt({}));

    const heading = page.querySelector('h1');
    expect(heading?.textContent).toContain(
      'Your result: Recognising harassment',
    );
    expect(document.activeElement).toBe(heading);
    const status = page.querySelector('[role="status"]');
    expect(status?.textContent).toContain('Not passed yet');
    expect(status?.textContent).toContain(
      'You scored 50%. The pass mark is 80%.',
    );
    expect(status?.textContent).toContain('✗');

    const [first, second] = feedback();
    expect(first.textContent).toContain('What makes a remark harassment?');
    expect(first.textContent).toContain('The intent of the speaker');
    expect(first.textContent).toContain('Incorrect');
    expect(first.textContent).toContain('Intent does not decide');
    expect(second.textContent).toContain('Correct');
    expect(second.textContent).toContain('Comments on someone’s body');
    expect(second.textContent).toContain('Unwanted messages at night');
    expect(page.textContent).not.toContain('Correct answer');
    expect(page.querySelector('.correct-answer')).toBeNull();

    const links = Array.from(page.querySelectorAll('a.button'));
    expect(links.map((a) => a.textContent?.trim())).toEqual([
      'Review lessons',
      'Try again (2 left today)',
    ]);
    expect(links[1].getAttribute('href')).toBe('/learn/modules/basics/quiz');
    expect(page.textContent).not.toContain('Download certificate');
  });

  it('shows the correct options only when the server sends them (after a pass), and the certificate', async () => {
    await render(
      attempt({
        score: 100,
        passed: true,
        certificateSerial: '7K3M-Q9TX-4B2N-8WZR-1HDF',
        feedback: [
          {
            questionId: 'q1',
            correct: true,
            explanation: 'How it is received decides.',
            correctOptionIds: ['b'],
          },
          {
            questionId: 'q2',
            correct: true,
            explanation: 'Both are forms of sexual harassment.',
          },
        ],
      }),
    );

    expect(page.querySelector('[role="status"]')?.textContent).toContain(
      'Passed',
    );
    const [first, second] = feedback();
    expect(first.querySelector('.correct-answer')?.textContent).toContain(
      'That it is unwanted',
    );
    expect(second.querySelector('.correct-answer')).toBeNull();

    const pdf = page.querySelector<HTMLAnchorElement>(
      'a[href="/api/certificates/7K3M-Q9TX-4B2N-8WZR-1HDF/pdf"]',
    );
    expect(pdf?.textContent).toContain('Download certificate');
    expect(pdf?.target).toBe('_blank');
    expect(page.querySelector<HTMLInputElement>('#share-url')?.value).toBe(
      'http://localhost/verify/7K3M-Q9TX-4B2N-8WZR-1HDF',
    );
    expect(page.textContent).not.toContain('Try again');
  });

  it('copies the share link', async () => {
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText },
      configurable: true,
    });
    await render(
      attempt({ passed: true, score: 100, certificateSerial: 'ABCD' }),
    );

    page.querySelector<HTMLButtonElement>('#share-url + button')?.click();
    await fixture.whenStable();

    expect(writeText).toHaveBeenCalledWith('http://localhost/verify/ABCD');
    expect(page.textContent).toContain('The link has been copied.');
  });

  it('says there is nothing to show when the page is opened without a fresh attempt', async () => {
    await render(null);

    expect(page.querySelector('h1')?.textContent).toContain(
      'No result to show',
    );
    expect(page.querySelector('a')?.getAttribute('href')).toBe(
      '/learn/modules/basics',
    );
  });
});
