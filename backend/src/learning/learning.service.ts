import { BadRequestException, ConflictException, ForbiddenException, HttpException, HttpStatus, Inject, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { canonicalJson } from '../audit-trail/canonical';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import { CatalogService } from '../catalog/catalog.service';
import { CertificatesService } from '../certificates/certificates.service';
import type { CatalogModule, Lang } from '../catalog/content.types';
import { type Actor, totpEnrollmentRequired } from '../common/actor';
import { requireOrganization } from '../common/tenancy';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { OrganizationsService } from '../organizations/organizations.service';
import { checkAnswers, grade, type Answers, type QuestionFeedback } from './grading';
import { decodeAnswers, drawQuiz, presentDraw, type PresentedQuestion } from './quiz-draw';
import { QuizOptionIds } from './quiz-option-ids';
import type { MyAssignmentDto } from './learning.dto';
import { InteractiveService } from './interactive.service';
import { LearningRepository, type OneStatementOutcome, type SubmitOutcome } from './learning.repository';
import { tokenHash as sessionTokenHash } from '../identity/crypto';

export interface AttemptResult {
  id: string;
  score: number;
  passed: boolean;
  passMark: number;
  feedback: QuestionFeedback[];
  certificateSerial?: string;
  attemptsLeftToday: number;
}

@Injectable()
export class LearningService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: LearningRepository,
    private readonly catalog: CatalogService,
    private readonly organizations: OrganizationsService,
    private readonly auditTrail: AuditTrailService,
    private readonly certificates: CertificatesService,
    private readonly optionIds: QuizOptionIds,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly interactive: InteractiveService,
  ) {}

  async myAssignments(actor: Actor, lang?: Lang): Promise<MyAssignmentDto[]> {
    const rows = await this.repository.getMyAssignments(actor.userId);
    const language = lang ?? actor.locale;
    return rows.map((r) => ({
      id: r.id,
      module: { slug: r.slug, title: r.title[language], audience: r.audience, version: r.version },
      status: r.status,
      dueAt: r.dueAt,
      completedAt: r.completedAt,
      completedVersion: r.completedVersion,
      certificateSerial: r.certificateSerial,
      progress: { read: r.lessonsRead, total: r.lessonCount },
      estimatedMinutes: this.catalog.get(r.slug)?.estimatedMinutes ?? null,
      lastAttemptId: r.lastAttemptId,
    }));
  }

  /** A past attempt's result, opened again later from the module card: only one's own (else 404). */
  async myAttempt(actor: Actor, attemptId: string, lang?: Lang) {
    const row = await this.repository.getMyAttempt(actor.userId, attemptId);
    if (!row) throw new NotFoundException('Attempt not found');
    const module = this.catalog.get(row.slug);
    const language = lang ?? actor.locale;
    return {
      id: row.id,
      module: { slug: row.slug, title: module ? module.title[language] : row.slug },
      moduleVersion: row.moduleVersion,
      score: row.score,
      passed: row.passed,
      passMark: module?.passMark ?? null,
      submittedAt: row.submittedAt,
      questions: row.questions,
      correct: row.correct,
      certificateSerial: row.certificateSerial,
    };
  }

  private async assignedModule(actor: Actor, slug: string) {
    const module = this.catalog.get(slug);
    const assignment = module ? await this.repository.getAssignment(actor.userId, slug) : null;
    // Unknown and unassigned look the same from outside.
    if (!module || !assignment) throw refusal('not_found');
    return { module, assignment };
  }

  /** The module to read and the quiz drawn for the current attempt: never the answers or their explanations. */
  async getModule(actor: Actor, slug: string, lang?: Lang) {
    const language = lang ?? actor.locale;
    const { module, assignment } = await this.assignedModule(actor, slug);
    const [facts, progress, quiz, readerState] = await Promise.all([
      this.organizations.getSettings(requireOrganization(actor)),
      this.repository.getProgress(assignment.id),
      this.currentDraw(module, assignment.id),
      this.interactive.readerState(actor.userId, module, assignment),
    ]);
    const opened = new Map(progress.map((p) => [p.lesson_id, p]));
    const secondsLeft = (lessonId: string, minSeconds: number) => {
      const p = opened.get(lessonId);
      if (!p) return minSeconds; // the clock starts when the lesson is opened
      if (p.read) return 0;
      return Math.max(0, Math.ceil(minSeconds - p.elapsed));
    };
    return {
      slug: module.slug,
      title: module.title[language],
      summary: module.summary[language],
      audience: module.audience,
      version: module.version,
      passMark: module.passMark,
      estimatedMinutes: module.estimatedMinutes,
      lang: language,
      assignment: { id: assignment.id, status: assignment.status, dueAt: assignment.due_on, completedAt: assignment.completed_at },
      lessons: module.lessons.map((lesson) => ({
        id: lesson.id,
        title: lesson.title[language],
        body: this.catalog.renderLesson(module, lesson.id, language, facts),
        minSeconds: lesson.minSeconds,
        read: opened.get(lesson.id)?.read ?? false,
        secondsLeft: secondsLeft(lesson.id, lesson.minSeconds),
        // The lesson in reading order, its checks, scenario and reflection placed (issue 13).
        blocks: this.interactive.presentLesson(module, lesson, language, facts, readerState),
      })),
      // The optional pre-test the reader offers at the start: null when the module has none.
      pretest: readerState.pretest,
      quiz: {
        unlocked: module.lessons.every((l) => opened.get(l.id)?.read),
        questions: quiz.map(({ question, options }) => ({
          id: question.id,
          text: question.text[language],
          multiple: question.multiple,
          options: options.map((o) => ({ id: o.id, text: o.option.text[language] })),
        })),
      },
    };
  }

  /** The open draw of the assignment, made on first sight (and again when the content changed). */
  private async currentDraw(module: CatalogModule, assignmentId: string): Promise<PresentedQuestion[]> {
    for (let i = 0; i < 3; i++) {
      const existing = await this.repository.getOpenDraw(assignmentId);
      if (existing) {
        const presented = presentDraw(module, existing);
        if (presented) return presented;
        await this.repository.discardDraw(existing.id);
      }
      // The id is chosen here because the option ids carry it (QuizOptionIds).
      const id = randomUUID();
      const draw = { id, version: module.version, questions: drawQuiz(module, (questionId, authored) => this.optionIds.make(id, questionId, authored)) };
      if (await this.repository.insertDraw(assignmentId, draw)) return presentDraw(module, draw)!;
      // Another request of the same learner stored a draw first: use that one.
    }
    throw new ConflictException('The quiz is being prepared in another window: reload the page');
  }

  async recordProgress(actor: Actor, slug: string, lessonId: string, event: 'opened' | 'read'): Promise<void> {
    const { module, assignment } = await this.assignedModule(actor, slug);
    const lesson = module.lessons.find((l) => l.id === lessonId);
    if (!lesson) {
      throw new BadRequestException({ statusCode: 400, message: `lessonId: there is no lesson "${lessonId}" in this module`, fields: [{ field: 'lessonId', message: 'unknown lesson' }] });
    }
    await this.dataSource.transaction(async (m) => {
      if (event === 'opened') return this.repository.markOpened(m, assignment.id, lessonId);
      const wait = await this.repository.markRead(m, assignment.id, lessonId, lesson.minSeconds);
      if (wait === null) throw new ConflictException('Open the lesson before marking it read');
      if (wait > 0) {
        throw new ConflictException({ statusCode: 409, message: `Keep reading: this lesson counts as read after ${wait} more second(s)`, secondsLeft: wait });
      }
    });
  }

  /**
   * Grades a submission. Usually in one round trip: the option ids name their draw, so the answers are
   * graded before anything is read and learning_submit_quiz checks the session and every rule under
   * the assignment's lock and writes the attempt, the draw's use and the trail entry. When the answers
   * do not decode (a draw made before option ids carried it, a malformed or stale submission), two
   * round trips as before: one statement reads the state, learning_submit_attempt re-checks and writes,
   * and the errors are worded from what was read. A pass also completes the assignment and issues the
   * certificate, in the same transaction as the attempt.
   */
  async submitAttempt(session: { token: string }, slug: string, answers: Answers, idempotencyKey: string | null, lang?: Lang): Promise<AttemptResult> {
    const module = this.catalog.get(slug);
    const lessonIds = module?.lessons.map((l) => l.id) ?? [];
    const keyOk = idempotencyKey === null || (idempotencyKey.length >= 1 && idempotencyKey.length <= 200);
    const tokenHash = sessionTokenHash(session.token);
    const decoded = module && keyOk ? decodeAnswers(module, answers, this.optionIds) : null;
    if (module && decoded && checkAnswers(decoded.questions, answers).length === 0) {
      const done = await this.submitInOneStatement(tokenHash, module, decoded, answers, idempotencyKey, lang);
      if (done) return done;
    }
    return this.submitInTwoStatements(tokenHash, slug, module, lessonIds, keyOk, answers, idempotencyKey, lang);
  }

  /** The one-statement path; null when the database says the answers are not the open draw's. */
  private async submitInOneStatement(
    tokenHash: string,
    module: CatalogModule,
    decoded: { drawId: string; questions: PresentedQuestion[] },
    answers: Answers,
    idempotencyKey: string | null,
    lang: Lang | undefined,
  ): Promise<AttemptResult | null> {
    const lessonIds = module.lessons.map((l) => l.id);
    // The database keeps the result in the learner's language (?lang, else the account's locale): with
    // ?lang (the app always sends it) that one language is graded and sent; without, both are.
    const gradedIn = (l: Lang) => (lang === undefined || lang === l ? grade(decoded.questions, answers, module.passMark, l) : null);
    const graded = { id: gradedIn('id'), en: gradedIn('en') };
    const { score, passed } = (graded.id ?? graded.en)!;
    const attemptId = randomUUID();
    const call = {
      tokenHash,
      slug: module.slug,
      drawId: decoded.drawId,
      questionIds: decoded.questions.map((q) => q.question.id),
      lessonIds,
      attemptsPerDay: this.config.quizAttemptsPerDay,
      attemptId,
      version: module.version,
      answers: authoredAnswers(decoded.questions, answers),
      score,
      passed,
      results: {
        id: graded.id && { id: attemptId, ...graded.id, passMark: module.passMark },
        en: graded.en && { id: attemptId, ...graded.en, passMark: module.passMark },
      },
      lang: lang ?? null,
      idempotencyKey,
      requestHash: createHash('sha256').update(canonicalJson(answers)).digest('hex'),
    };
    const settle = (row: OneStatementOutcome): AttemptResult | null => {
      if (row.outcome === 'mismatch') return null;
      if (row.outcome === 'totp') throw totpEnrollmentRequired();
      if (row.outcome === 'forbidden') throw new ForbiddenException('Your role does not allow this');
      if (row.outcome === 'ok' && row.result === null && lang) {
        // The database stored the result sent in `lang` and returned only today's earlier attempts
        // (migration 1767600000000): the same object it stored, without a round trip of it.
        return { ...call.results[lang]!, attemptsLeftToday: call.attemptsPerDay - row.detail! - 1 } as AttemptResult;
      }
      return this.outcome({ outcome: row.outcome, result: row.result, detail: row.detail }, lessonIds.length);
    };
    if (!call.passed) return settle(await this.repository.submitInOneStatement(null, call));
    return this.dataSource.transaction(async (m) => {
      const row = await this.repository.submitInOneStatement(m, call);
      const recorded = settle(row);
      if (!recorded || row.outcome !== 'ok') return recorded; // the other path, or an idempotent replay
      await this.completeAssignment(m, row.user_id!, module, row.assignment_id!, row.organization_id!, recorded);
      // The stored result carries the certificate serial too, so an idempotent replay returns it.
      await this.repository.storeAttemptResult(m, attemptId, recorded);
      return recorded;
    });
  }

  private async submitInTwoStatements(
    tokenHash: string,
    slug: string,
    module: CatalogModule | undefined,
    lessonIds: string[],
    keyOk: boolean,
    answers: Answers,
    idempotencyKey: string | null,
    lang: Lang | undefined,
  ): Promise<AttemptResult> {
    const ctx = await this.repository.loadSubmission(tokenHash, slug, keyOk ? idempotencyKey : null, lessonIds);
    if (!ctx) throw refusal('unauthorized');
    if (ctx.must_enroll_totp) throw totpEnrollmentRequired();
    if (!ctx.roles.includes('employee')) throw new ForbiddenException('Your role does not allow this');
    if (!module || !ctx.assignment_id) throw refusal('not_found');
    if (!keyOk) {
      throw new BadRequestException({ statusCode: 400, message: 'Idempotency-Key must be 1–200 characters', fields: [{ field: 'Idempotency-Key', message: 'must be 1–200 characters' }] });
    }
    const requestHash = createHash('sha256').update(canonicalJson(answers)).digest('hex');
    if (ctx.earlier_hash !== null) {
      if (ctx.earlier_hash !== requestHash) throw refusal('key_conflict');
      return ctx.earlier_result as AttemptResult;
    }
    if (ctx.completed) throw refusal('completed');
    const unread = lessonIds.length - (ctx.lessons_read ?? 0);
    if (unread > 0) throw refusal('lessons_unread', unread, lessonIds.length);
    const quiz = ctx.draw ? presentDraw(module, ctx.draw) : null;
    if (!ctx.draw || !quiz) throw refusal('stale_draw');
    const problems = checkAnswers(quiz, answers);
    if (problems.length) {
      throw new BadRequestException({ statusCode: 400, message: problems.map((p) => p.message).join('; '), fields: problems });
    }

    const graded = grade(quiz, answers, module.passMark, lang ?? ctx.locale);
    const attemptId = randomUUID();
    const attempt = {
      tokenHash,
      assignmentId: ctx.assignment_id,
      drawId: ctx.draw.id,
      lessonIds,
      attemptsPerDay: this.config.quizAttemptsPerDay,
      attemptId,
      slug,
      version: module.version,
      // Stored with the authored option ids, which mean something without the draw.
      answers: authoredAnswers(quiz, answers),
      score: graded.score,
      passed: graded.passed,
      // attemptsLeftToday is added by the database, which counts today's attempts under the lock.
      result: { id: attemptId, ...graded, passMark: module.passMark },
      idempotencyKey,
      requestHash,
    };
    if (!graded.passed) {
      // One statement, so no BEGIN/COMMIT round trips: the function is atomic on its own.
      return this.outcome(await this.repository.recordAttempt(null, attempt), lessonIds.length);
    }
    return this.dataSource.transaction(async (m) => {
      const recorded = this.outcome(await this.repository.recordAttempt(m, attempt), lessonIds.length);
      if (recorded.id !== attemptId) return recorded; // an idempotent replay
      await this.completeAssignment(m, ctx.user_id, module, ctx.assignment_id!, ctx.organization_id!, recorded);
      // The stored result carries the certificate serial too, so an idempotent replay returns it.
      await this.repository.storeAttemptResult(m, attemptId, recorded);
      return recorded;
    });
  }

  /** What learning_submit_attempt decided under the lock, as the HTTP answer. */
  private outcome(row: { outcome: SubmitOutcome; result: unknown; detail: number | null }, lessons: number): AttemptResult {
    if (row.outcome === 'ok' || row.outcome === 'replay') return row.result as AttemptResult;
    throw refusal(row.outcome, row.detail, lessons);
  }

  private async completeAssignment(
    m: import('typeorm').EntityManager,
    userId: string,
    module: CatalogModule,
    assignmentId: string,
    organizationId: string,
    attempt: AttemptResult,
  ): Promise<void> {
    const timeSpentSeconds = await this.repository.timeSpentSeconds(m, assignmentId);
    const completionId = await this.repository.complete(m, {
      assignmentId,
      organizationId,
      userId,
      slug: module.slug,
      version: module.version,
      attemptId: attempt.id,
      score: attempt.score,
      timeSpentSeconds,
      recertificationMonths: module.recertificationMonths,
    });
    await this.auditTrail.append(m, {
      organizationId,
      actorId: userId,
      action: 'learning.completed',
      targetType: 'completion',
      targetId: completionId,
      details: { module: module.slug, version: module.version, score: attempt.score, timeSpentSeconds },
    });
    attempt.certificateSerial = await this.certificates.issue(m, {
      completionId,
      assignmentId,
      organizationId,
      userId,
      slug: module.slug,
      version: module.version,
      title: module.title,
    });
  }

  /** Catalog overview for HR: what exists, in which version. */
  listModules(lang: Lang) {
    return this.catalog.list().map((m) => ({
      slug: m.slug,
      title: m.title[lang],
      summary: m.summary[lang],
      audience: m.audience,
      version: m.version,
      estimatedMinutes: m.estimatedMinutes,
      passMark: m.passMark,
      recertificationMonths: m.recertificationMonths,
      lessons: m.lessons.length,
      questions: m.questions.length,
    }));
  }

  /** Opens assignments (idempotent); used by the demo and, later, assignment rules. */
  assign(m: import('typeorm').EntityManager, organizationId: string, userIds: string[], slug: string, dueOn: string): Promise<number> {
    return this.repository.assign(m, organizationId, userIds, slug, dueOn);
  }
}

function authoredAnswers(quiz: PresentedQuestion[], answers: Answers): Answers {
  return Object.fromEntries(
    quiz.map(({ question, options }) => [question.id, answers[question.id].map((id) => options.find((o) => o.id === id)!.option.id)]),
  );
}

/**
 * Why a submission is refused, as the HTTP answer: one wording whether the read statement found it or
 * learning_submit_attempt did under the lock. `detail` is the lessons left or the daily limit.
 */
function refusal(outcome: Exclude<SubmitOutcome, 'ok' | 'replay'>, detail: number | null = null, lessons = 0): HttpException {
  switch (outcome) {
    case 'unauthorized':
      return new UnauthorizedException('Sign in first: your session is missing or has expired');
    case 'not_found':
      return new NotFoundException('Module not found among your assignments');
    case 'key_conflict':
      return new ConflictException('This Idempotency-Key was already used with different answers');
    case 'completed':
      return new ConflictException('You have already completed this module');
    case 'lessons_unread':
      return new ConflictException(`Read every lesson first: ${detail ?? lessons} of ${lessons} still to read`);
    case 'stale_draw':
      return new ConflictException("This quiz is no longer current: open the quiz again to get this attempt's questions");
    case 'limit':
      return new HttpException(
        { statusCode: 429, message: `You have used today's ${detail} attempts for this quiz. Review the lessons and try again tomorrow.` },
        HttpStatus.TOO_MANY_REQUESTS,
      );
  }
}
