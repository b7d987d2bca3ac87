import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { settle } from '../../../testing/async';
import { translocoTesting } from '../../../testing/transloco-testing';
import { LanguageStore } from '../../core/session/language-store';
import { Lesson, LessonBlock, ModuleContent } from '../module-content';
import { ModuleReader } from '../module-reader';

const CHECK: LessonBlock = {
  type: 'check',
  id: 'check-silence',
  multiple: false,
  question: 'Does silence mean yes?',
  options: [
    { id: 'a', text: 'Yes' },
    { id: 'b', text: 'No' },
  ],
  answered: false,
};
const SCENARIO: LessonBlock = {
  type: 'scenario',
  id: 'scenario-lift',
  title: 'In the lift',
  start: 'start',
  debrief: 'Speaking up early helps.',
  nodes: [
    {
      id: 'start',
      text: 'A colleague stands too close.',
      end: false,
      choices: [
        { text: 'Speak up', consequence: 'He steps back.', next: 'mid' },
        { text: 'Say nothing', consequence: 'He goes on.', next: 'bad-end' },
      ],
    },
    {
      id: 'mid',
      text: 'Later he apologises.',
      end: false,
      choices: [{ text: 'Accept', consequence: 'Work goes on.', next: 'good-end' }],
    },
    { id: 'good-end', text: 'A respectful team.', end: true, choices: [] },
    { id: 'bad-end', text: 'It happens again.', end: true, choices: [] },
  ],
};
const REFLECTION: LessonBlock = {
  type: 'reflection',
  id: 'reflection-team',
  prompt: 'What will you change?',
  text: 'Earlier thoughts',
};

function moduleWith(blocks: LessonBlock[], pretest: ModuleContent['pretest'] = null): ModuleContent {
  const lesson: Lesson = {
    id: 'l1',
    title: 'Lesson one',
    body: '<h1>Lesson one</h1><p>Whole body.</p>',
    minSeconds: 0,
    read: false,
    secondsLeft: 0,
    blocks,
  };
  return {
    slug: 'basics',
    title: 'Recognising harassment',
    summary: '',
    audience: 'everyone',
    version: 'v',
    passMark: 80,
    estimatedMinutes: 20,
    lang: 'en',
    assignment: { id: 'a1', status: 'in_progress', dueAt: '2026-03-31', completedAt: null },
    lessons: [lesson],
    pretest,
    quiz: { unlocked: false, questions: [] },
  };
}

describe('interactive blocks in the reader', () => {
  let fixture: ComponentFixture<ModuleReader>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [ModuleReader, translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(LanguageStore).use('en');
  });
  afterEach(() => backend.verify());

  async function open(module: ModuleContent): Promise<void> {
    fixture = TestBed.createComponent(ModuleReader);
    page = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('slug', 'basics');
    fixture.detectChanges();
    backend.expectOne((r) => r.url === '/api/modules/basics').flush(module);
    await settle(fixture);
    backend
      .expectOne((r) => r.url === '/api/modules/basics/progress' && r.body.event === 'opened')
      .flush(null, { status: 204, statusText: 'No Content' });
    await settle(fixture);
  }

  const button = (text: string): HTMLButtonElement => {
    const found = Array.from(page.querySelectorAll<HTMLButtonElement>('button')).find(
      (b) => b.textContent?.trim() === text,
    );
    if (!found) throw new Error(`no button "${text}"`);
    return found;
  };

  it('renders the markdown parts between the blocks instead of the whole body', async () => {
    await open(
      moduleWith([
        { type: 'markdown', html: '<h1>Lesson one</h1><p>Before.</p>' },
        CHECK,
        { type: 'markdown', html: '<p>After.</p>' },
      ]),
    );
    const body = page.querySelector('.lesson-body') as HTMLElement;
    expect(body.textContent).toContain('Before.');
    expect(body.textContent).toContain('After.');
    expect(body.textContent).not.toContain('Whole body.');
    const text = body.textContent ?? '';
    expect(text.indexOf('Before.')).toBeLessThan(text.indexOf('Does silence mean yes?'));
    expect(text.indexOf('Does silence mean yes?')).toBeLessThan(text.indexOf('After.'));
    // The lesson's heading still takes the focus.
    expect(document.activeElement?.textContent).toBe('Lesson one');
  });

  it('asks a check as a fieldset of radio buttons and announces the feedback of every option', async () => {
    await open(moduleWith([CHECK]));
    const fieldset = page.querySelector('.block-check fieldset') as HTMLFieldSetElement;
    expect(fieldset.querySelector('legend')?.textContent).toContain('Does silence mean yes?');
    const radios = fieldset.querySelectorAll<HTMLInputElement>('input[type=radio]');
    expect(radios).toHaveLength(2);
    expect(fieldset.querySelector(`label[for="${radios[0].id}"]`)?.textContent).toBe('Yes');
    expect(button('Check').disabled).toBe(true);

    radios[0].click();
    await settle(fixture);
    button('Check').click();
    const req = backend.expectOne((r) => r.url === '/api/modules/basics/progress');
    expect(req.request.body).toEqual({ lessonId: 'l1', event: 'checked', blockId: 'check-silence', optionIds: ['a'] });
    expect(req.request.params.get('lang')).toBe('en');
    req.flush({
      correct: false,
      feedback: [
        { optionId: 'a', correct: false, feedback: 'Silence is not consent.' },
        { optionId: 'b', correct: true, feedback: 'Consent is given clearly.' },
      ],
    });
    await settle(fixture);
    const live = page.querySelector('.block-check [aria-live="polite"]') as HTMLElement;
    expect(live.textContent).toContain('Not quite.');
    expect(live.textContent).toContain('Yes (wrong, your choice): Silence is not consent.');
    expect(live.textContent).toContain('No (right): Consent is given clearly.');
  });

  it('plays a scenario one node at a time, moving focus, to the debrief and back to the start', async () => {
    await open(moduleWith([SCENARIO]));
    const block = () => page.querySelector('.block-scenario') as HTMLElement;
    expect(block().querySelector('h2')?.textContent).toContain('In the lift');
    button('Start the scenario').click();
    await settle(fixture);
    expect(document.activeElement?.textContent?.trim()).toBe('Step 1');
    expect(block().textContent).toContain('A colleague stands too close.');
    expect(block().querySelectorAll('.scenario-choices button')).toHaveLength(2);

    button('Speak up').click();
    await settle(fixture);
    expect(document.activeElement?.textContent?.trim()).toBe('What happens');
    expect(block().textContent).toContain('He steps back.');
    expect(block().querySelector('.scenario-choices')).toBeNull();
    button('Continue').click();
    await settle(fixture);
    expect(document.activeElement?.textContent?.trim()).toBe('Step 2');
    button('Accept').click();
    await settle(fixture);
    button('Continue').click();
    await settle(fixture);
    expect(document.activeElement?.textContent?.trim()).toBe('How it ends');
    expect(block().textContent).toContain('A respectful team.');
    expect(block().textContent).toContain('Speaking up early helps.');

    button('Start again').click();
    await settle(fixture);
    expect(document.activeElement?.textContent?.trim()).toBe('Step 1');
    button('Say nothing').click();
    await settle(fixture);
    button('Continue').click();
    await settle(fixture);
    expect(block().textContent).toContain('It happens again.');
    expect(block().textContent).toContain('Speaking up early helps.');
    // Nothing of the scenario goes to the server.
    backend.expectNone((r) => r.url.includes('/progress'));
  });

  it('keeps a reflection in a labelled text box, saves it and announces that it is saved', async () => {
    await open(moduleWith([REFLECTION]));
    const textarea = page.querySelector('.block-reflection textarea') as HTMLTextAreaElement;
    expect(page.querySelector(`label[for="${textarea.id}"]`)?.textContent).toContain('What will you change?');
    expect(textarea.value).toBe('Earlier thoughts');
    const hint = page.querySelector(`#${textarea.getAttribute('aria-describedby')}`);
    expect(hint?.textContent).toContain('Only you can see this');
    textarea.value = 'Speak to my team on Monday';
    textarea.dispatchEvent(new Event('input'));
    button('Save').click();
    const req = backend.expectOne('/api/modules/basics/reflections/reflection-team');
    expect(req.request.method).toBe('PUT');
    expect(req.request.body).toEqual({ text: 'Speak to my team on Monday' });
    req.flush(null, { status: 204, statusText: 'No Content' });
    await settle(fixture);
    expect(page.querySelector('.block-reflection [role="status"]')?.textContent).toContain('Saved.');
  });

  it('offers the pre-test on the first lesson while it is available, and shows the body of lessons without blocks', async () => {
    const module = moduleWith([], { questions: 5, available: true, score: null });
    await open(module);
    expect(page.querySelector('.pretest-offer')?.textContent).toContain('5 questions');
    expect(page.querySelector('.pretest-offer a')?.getAttribute('href')).toBe('/learn/modules/basics/pretest');
    expect(page.querySelector('.lesson-body')?.textContent).toContain('Whole body.');
  });

  it('offers no pre-test once taken', async () => {
    await open(moduleWith([], { questions: 5, available: false, score: 40 }));
    expect(page.querySelector('.pretest-offer')).toBeNull();
  });
});
