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
import { Lesson, ModuleContent } from './module-content';
import { ModuleReader } from './module-reader';

function lesson(id: string, overrides: Partial<Lesson> = {}): Lesson {
  return {
    id,
    title: `Lesson ${id}`,
    body: `<h1>Lesson ${id}</h1><p>Text of ${id}.</p>`,
    minSeconds: 0,
    read: false,
    secondsLeft: overrides.minSeconds ?? 0,
    ...overrides,
  };
}

function moduleWith(lessons: Lesson[]): ModuleContent {
  return {
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
    lessons,
    quiz: {
      unlocked: lessons.every((l) => l.read),
      questions: [],
    },
  };
}

const NO_CONTENT = { status: 204, statusText: 'No Content' };

describe('ModuleReader', () => {
  let fixture: ComponentFixture<ModuleReader>;
  let page: HTMLElement;
  let backend: HttpTestingController;
  let navigate: jest.SpyInstance;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [ModuleReader, translocoTesting()],
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
  });

  afterEach(() => backend.verify());

  async function open(
    lessons: Lesson[],
    lessonId?: string,
  ): Promise<TestRequest> {
    fixture = TestBed.createComponent(ModuleReader);
    page = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('slug', 'basics');
    if (lessonId) fixture.componentRef.setInput('lessonId', lessonId);
    fixture.detectChanges();
    const load = backend.expectOne((r) => r.url === '/api/modules/basics');
    expect(load.request.params.get('lang')).toBe('en');
    load.flush(moduleWith(lessons));
    await settle(fixture);
    return backend.expectOne((r) => r.url === '/api/modules/basics/progress');
  }

  function markReadButton(): HTMLButtonElement {
    const button = Array.from(
      page.querySelectorAll<HTMLButtonElement>('button'),
    ).find((b) => b.textContent?.includes('Mark as read'));
    if (!button) throw new Error('no "Mark as read" button');
    return button;
  }

  it('marks the lesson opened when it is shown and focuses its heading', async () => {
    const opened = await open([lesson('l1'), lesson('l2')]);

    expect(opened.request.method).toBe('POST');
    expect(opened.request.body).toEqual({ lessonId: 'l1', event: 'opened' });
    opened.flush(null, NO_CONTENT);
    await settle(fixture);

    const heading = page.querySelector('.lesson-body h1');
    expect(heading?.textContent).toBe('Lesson l1');
    expect(document.activeElement).toBe(heading);
    expect(page.querySelector('.eyebrow')?.textContent).toContain(
      'Lesson 1 of 2',
    );
  });

  it('marks the lesson read and moves on to the next one', async () => {
    (await open([lesson('l1'), lesson('l2')])).flush(null, NO_CONTENT);
    await settle(fixture);

    const button = markReadButton();
    expect(button.disabled).toBe(false);
    button.click();
    const read = backend.expectOne(
      (r) => r.url === '/api/modules/basics/progress',
    );
    expect(read.request.body).toEqual({ lessonId: 'l1', event: 'read' });
    read.flush(null, NO_CONTENT);
    await settle(fixture);

    expect(navigate).toHaveBeenCalledWith([
      '/learn/modules',
      'basics',
      'lessons',
      'l2',
    ]);
    expect(
      page.querySelector('.lesson-list a[aria-current]')?.textContent,
    ).toContain('(read)');
  });

  it('keeps reading when the server says it is too early (409 with secondsLeft)', async () => {
    (await open([lesson('l1'), lesson('l2')])).flush(null, NO_CONTENT);
    await settle(fixture);

    markReadButton().click();
    backend
      .expectOne((r) => r.url === '/api/modules/basics/progress')
      .flush(
        {
          statusCode: 409,
          message:
            'Keep reading: this lesson counts as read after 12 more second(s)',
          secondsLeft: 12,
        },
        { status: 409, statusText: 'Conflict' },
      );
    await settle(fixture);

    expect(page.querySelector('.lesson-status')?.textContent).toContain(
      'Keep reading. Seconds left before this lesson counts as read: 12.',
    );
    expect(markReadButton().disabled).toBe(true);
    expect(page.querySelector('#lesson-countdown')?.textContent).toContain(
      'as read in 0:12.',
    );
    expect(navigate).not.toHaveBeenCalled();
    expect(page.querySelector('[role="alert"]')?.textContent?.trim()).toBe('');
  });

  it('counts down the minimum reading time before offering "Mark as read"', async () => {
    (await open([lesson('l1', { minSeconds: 45 }), lesson('l2')], 'l1')).flush(
      null,
      NO_CONTENT,
    );
    await settle(fixture);

    expect(markReadButton().disabled).toBe(true);
    expect(markReadButton().getAttribute('aria-describedby')).toBe(
      'lesson-countdown',
    );
    expect(page.querySelector('#lesson-countdown')?.textContent).toContain(
      'as read in 0:45.',
    );
  });

  it('resumes the countdown from the server after a reload, announcing only when the lesson can be marked read', async () => {
    (
      await open([lesson('l1', { minSeconds: 45, secondsLeft: 1 }), lesson('l2')], 'l1')
    ).flush(null, NO_CONTENT);
    await settle(fixture);

    expect(page.querySelector('#lesson-countdown')?.textContent).toContain('as read in 0:01.');
    expect(markReadButton().disabled).toBe(true);
    const status = page.querySelector('[role="status"].lesson-status');
    // The ticking countdown stays out of the live region: no announcement every second.
    expect(status?.contains(page.querySelector('#lesson-countdown'))).toBe(false);
    expect(status?.textContent?.trim()).toBe('');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await settle(fixture);
    expect(status?.textContent).toContain('You can now mark this lesson as read.');
    expect(markReadButton().disabled).toBe(false);
  });

  it('gives the next lesson its full time after a read, since clocks never overlap', async () => {
    (
      await open([lesson('l1'), lesson('l2', { minSeconds: 30, secondsLeft: 0 })], 'l1')
    ).flush(null, NO_CONTENT);
    await settle(fixture);
    markReadButton().click();
    backend.expectOne((r) => r.url === '/api/modules/basics/progress').flush(null, NO_CONTENT);
    await settle(fixture);

    fixture.componentRef.setInput('lessonId', 'l2');
    fixture.detectChanges();
    backend.expectOne((r) => r.url === '/api/modules/basics/progress').flush(null, NO_CONTENT);
    await settle(fixture);
    expect(markReadButton().disabled).toBe(true);
    expect(page.querySelector('#lesson-countdown')?.textContent).toContain('as read in 0:30.');
  });

  it("keeps another module's server countdown after a read here: each module's clocks are its own", async () => {
    (await open([lesson('l1'), lesson('l2')], 'l1')).flush(null, NO_CONTENT);
    await settle(fixture);
    markReadButton().click();
    backend
      .expectOne((r) => r.url === '/api/modules/basics/progress')
      .flush(null, NO_CONTENT);
    await settle(fixture);

    // The same reader, moved to a lesson of another module (as a link in a lesson body would).
    fixture.componentRef.setInput('slug', 'safety');
    fixture.componentRef.setInput('lessonId', 's1');
    fixture.detectChanges();
    backend
      .expectOne((r) => r.url === '/api/modules/safety')
      .flush({
        ...moduleWith([lesson('s1', { minSeconds: 45, secondsLeft: 20 })]),
        slug: 'safety',
      });
    await settle(fixture);
    backend
      .expectOne((r) => r.url === '/api/modules/safety/progress')
      .flush(null, NO_CONTENT);
    await settle(fixture);
    expect(page.querySelector('#lesson-countdown')?.textContent).toContain(
      'as read in 0:20.',
    );
  });

  it('resumes at the first unread lesson and keeps the quiz locked until all are read', async () => {
    const opened = await open([
      lesson('l1', { read: true }),
      lesson('l2'),
      lesson('l3'),
    ]);
    expect(opened.request.body).toEqual({ lessonId: 'l2', event: 'opened' });
    opened.flush(null, NO_CONTENT);
    await settle(fixture);

    expect(page.querySelector('.lesson-body h1')?.textContent).toBe(
      'Lesson l2',
    );
    const items = page.querySelectorAll('.lesson-list li');
    expect(items[0].textContent).toContain('✓');
    expect(items[0].textContent).toContain('(read)');
    expect(items[1].querySelector('a')?.getAttribute('aria-current')).toBe(
      'step',
    );
    expect(page.querySelector('#module-progress')).toMatchObject({
      value: 1,
      max: 3,
    });
    expect(page.querySelector('.reader-side')?.textContent).toContain(
      'The quiz opens when every lesson is read. Lessons left: 2.',
    );
    expect(
      page.querySelector('a[href="/learn/modules/basics/quiz"]'),
    ).toBeNull();
  });

  it('links the quiz once every lesson is read', async () => {
    (
      await open([lesson('l1', { read: true }), lesson('l2', { read: true })])
    ).flush(null, NO_CONTENT);
    await settle(fixture);

    expect(
      page.querySelector('.reader-side a[href="/learn/modules/basics/quiz"]')
        ?.textContent,
    ).toContain('Take the quiz');
  });

  it('loads the module again in the language chosen, without starting the lesson again', async () => {
    (await open([lesson('l1'), lesson('l2')])).flush(null, NO_CONTENT);
    await settle(fixture);

    TestBed.inject(LanguageStore).use('id');
    fixture.detectChanges();
    const reload = backend.expectOne((r) => r.url === '/api/modules/basics');
    expect(reload.request.params.get('lang')).toBe('id');
    expect(page.querySelector('.lesson-body h1')?.textContent).toBe(
      'Lesson l1',
    );
    const inIndonesian = moduleWith([
      lesson('l1', { body: '<h1>Pelajaran l1</h1>' }),
      lesson('l2'),
    ]);
    reload.flush({ ...inIndonesian, lang: 'id' });
    await settle(fixture);
    expect(page.querySelector('.lesson-body h1')?.textContent).toBe(
      'Pelajaran l1',
    );

    backend.expectNone((r) => r.url === '/api/modules/basics/progress');
    TestBed.inject(LanguageStore).use('en');
    fixture.detectChanges();
    backend
      .expectOne((r) => r.url === '/api/modules/basics')
      .flush(moduleWith([lesson('l1'), lesson('l2')]));
    await settle(fixture);
  });
});
