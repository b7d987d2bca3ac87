import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  ApiProblem,
  numberInError,
  statusOf,
  toApiProblem,
} from '../core/http/api-problem';
import { LanguageStore } from '../core/session/language-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatDatePipe } from '../shared/format-date-pipe';
import { CheckCard } from './blocks/check-card';
import { ReflectionBox } from './blocks/reflection-box';
import { ScenarioPlayer } from './blocks/scenario-player';
import { LearnApi } from './learn-api';
import { Lesson, ModuleContent, moduleUrl } from './module-content';

/**
 * Reads a module lesson by lesson. Opening a lesson starts its clock on the server; the countdown
 * here only mirrors it, the server decides when "read" is accepted (409 with `secondsLeft`).
 */
@Component({
  selector: 'aman-module-reader',
  imports: [
    RouterLink,
    TranslocoPipe,
    ErrorAlert,
    FormatDatePipe,
    CheckCard,
    ScenarioPlayer,
    ReflectionBox,
  ],
  templateUrl: './module-reader.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ModuleReader {
  private readonly api = inject(LearnApi);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  protected readonly language = inject(LanguageStore);

  readonly slug = input.required<string>();
  /** Absent: resume at the first lesson not read yet. */
  readonly lessonId = input<string>();

  // Switching the language loads the module again in that language.
  protected readonly module = httpResource<ModuleContent>(() => ({
    url: moduleUrl(this.slug()),
    params: { lang: this.language.lang() },
  }));
  /** While the module loads again in another language, the one on screen stays (and keeps focus). */
  protected readonly content = linkedSignal<
    { loaded: ModuleContent | null; loading: boolean; slug: string },
    ModuleContent | null
  >({
    source: () => ({
      loaded: this.module.hasValue() ? this.module.value() : null,
      loading: this.module.isLoading(),
      slug: this.slug(),
    }),
    computation: ({ loaded, loading, slug }, previous) =>
      loaded ??
      (loading && previous?.value?.slug === slug ? previous.value : null),
  });
  protected readonly loadProblem = computed(() => {
    const error = this.module.error();
    return error ? toApiProblem(error) : null;
  });

  /** `slug/lessonId` of lessons read during this visit, until the module is loaded again. */
  private readonly readHere = signal<ReadonlySet<string>>(new Set());
  protected readonly lessons = computed<Lesson[]>(() =>
    (this.content()?.lessons ?? []).map((lesson) => ({
      ...lesson,
      read: lesson.read || this.readHere().has(this.key(lesson.id)),
    })),
  );
  protected readonly readCount = computed(
    () => this.lessons().filter((l) => l.read).length,
  );
  protected readonly allRead = computed(
    () =>
      this.lessons().length > 0 && this.readCount() === this.lessons().length,
  );
  protected readonly quizUnlocked = computed(
    () => !!this.content()?.quiz.unlocked || this.allRead(),
  );

  protected readonly current = computed<Lesson | null>(() => {
    const lessons = this.lessons();
    const id = this.lessonId();
    if (id) return lessons.find((l) => l.id === id) ?? null;
    // Resume where the server says the learner stopped (not where this visit got to, which
    // navigates to explicit lesson addresses anyway).
    const resumeId =
      this.content()?.lessons.find((l) => !l.read)?.id ?? lessons[0]?.id;
    return lessons.find((l) => l.id === resumeId) ?? null;
  });
  protected readonly position = computed(() => {
    const current = this.current();
    return current ? this.lessons().findIndex((l) => l.id === current.id) : -1;
  });
  protected readonly previous = computed<Lesson | null>(
    () => this.lessons()[this.position() - 1] ?? null,
  );
  protected readonly next = computed<Lesson | null>(() =>
    this.position() < 0 ? null : (this.lessons()[this.position() + 1] ?? null),
  );
  protected readonly unknownLesson = computed(
    () => !!this.content() && !!this.lessonId() && !this.current(),
  );

  /** Seconds of the (cosmetic) countdown before "Mark as read" is offered. */
  protected readonly secondsLeft = signal(0);
  protected readonly countdown = computed(() => clock(this.secondsLeft()));
  /** The server's `secondsLeft` after it refused "read" as too early. */
  protected readonly keepReading = signal<number | null>(null);
  protected readonly marking = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);

  private readonly lessonBody =
    viewChild<ElementRef<HTMLElement>>('lessonBody');
  private shown: string | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor() {
    effect(() => {
      const lesson = this.current();
      // Reloading in another language shows the same lesson: no new clock, no focus move.
      if (!lesson || this.key(lesson.id) === this.shown) return;
      this.shown = this.key(lesson.id);
      untracked(() => this.show(lesson));
    });
    inject(DestroyRef).onDestroy(() => this.stopCountdown());
  }

  protected lessonLink(lesson: Lesson): string[] {
    return ['/learn/modules', this.slug(), 'lessons', lesson.id];
  }

  protected pretestLink(): string[] {
    return ['/learn/modules', this.slug(), 'pretest'];
  }

  protected quizLink(): string[] {
    return ['/learn/modules', this.slug(), 'quiz'];
  }

  protected async markRead(): Promise<void> {
    const lesson = this.current();
    if (!lesson || this.marking()) return;
    this.marking.set(true);
    this.problem.set(null);
    this.keepReading.set(null);
    try {
      await this.api.markRead(this.slug(), lesson.id);
      this.readHere.update((read) => new Set(read).add(this.key(lesson.id)));
      await this.router.navigate(this.linkAfter(lesson));
    } catch (error) {
      this.refused(lesson, error);
    } finally {
      this.marking.set(false);
    }
  }

  /** After a lesson: the quiz once all are read, else the next lesson, else the first one left. */
  private linkAfter(lesson: Lesson): string[] {
    const unread = this.lessons().find((l) => !l.read && l.id !== lesson.id);
    if (!unread) return this.quizLink();
    const next = this.next();
    return this.lessonLink(next ?? unread);
  }

  private refused(lesson: Lesson, error: unknown): void {
    if (statusOf(error) !== 409) {
      this.problem.set(toApiProblem(error));
      return;
    }
    const secondsLeft = numberInError(error, 'secondsLeft');
    if (secondsLeft === null) {
      // The server has no "opened" for this lesson (that call failed): start its clock now.
      void this.open(lesson);
    }
    const wait = secondsLeft ?? lesson.minSeconds;
    this.keepReading.set(wait);
    this.startCountdown(wait);
  }

  private show(lesson: Lesson): void {
    this.problem.set(null);
    this.keepReading.set(null);
    this.startCountdown(this.waitFor(lesson));
    void this.open(lesson);
    afterNextRender(() => this.focusHeading(), { injector: this.injector });
  }

  /**
   * Resumes the server's clock after a reload. A lesson of this module read during this visit
   * restarted the clocks of its other lessons (they never overlap; other modules' clocks are their
   * own), so the figures loaded with the module are stale by then. Counting from now errs on the
   * long side; the server has the last word either way.
   */
  private waitFor(lesson: Lesson): number {
    if (lesson.read) return 0;
    const prefix = this.key('');
    if ([...this.readHere()].some((key) => key.startsWith(prefix)))
      return lesson.minSeconds;
    return lesson.secondsLeft;
  }

  private async open(lesson: Lesson): Promise<void> {
    try {
      await this.api.markOpened(this.slug(), lesson.id);
    } catch (error) {
      this.problem.set(toApiProblem(error));
    }
  }

  /** The lesson's own h1 (from its body) becomes the place reading starts. */
  private focusHeading(): void {
    const body = this.lessonBody()?.nativeElement;
    const heading = body?.querySelector<HTMLElement>('h1, h2') ?? body;
    if (!heading) return;
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }

  private startCountdown(seconds: number): void {
    this.stopCountdown();
    const until = Date.now() + seconds * 1000;
    const tick = () => {
      const left = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      this.secondsLeft.set(left);
      if (left === 0) this.stopCountdown();
    };
    tick();
    if (seconds > 0) this.timer = setInterval(tick, 1000);
  }

  private stopCountdown(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private key(lessonId: string): string {
    return `${this.slug()}/${lessonId}`;
  }
}

/** 75 → "1:15". */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
