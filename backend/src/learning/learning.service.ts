import { BadRequestException, ConflictException, HttpException, HttpStatus, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { canonicalJson } from '../audit-trail/canonical';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import { CatalogService } from '../catalog/catalog.service';
import { CertificatesService } from '../certificates/certificates.service';
import type { CatalogModule, Lang } from '../catalog/content.types';
import type { Actor } from '../common/actor';
import { requireOrganization } from '../common/tenancy';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { OrganizationsService } from '../organizations/organizations.service';
import { checkAnswers, grade, type Answers, type QuestionFeedback } from './grading';
import { drawQuiz, presentDraw, type PresentedQuestion } from './quiz-draw';
import type { MyAssignmentDto } from './learning.dto';
import { LearningRepository } from './learning.repository';

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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
    }));
  }

  private async assignedModule(actor: Actor, slug: string) {
    const module = this.catalog.get(slug);
    const assignment = module ? await this.repository.getAssignment(this.dataSource.manager, actor.userId, slug) : null;
    // Unknown and unassigned look the same from outside.
    if (!module || !assignment) throw new NotFoundException('Module not found among your assignments');
    return { module, assignment };
  }

  /** The module to read and the quiz drawn for the current attempt: never the answers or their explanations. */
  async getModule(actor: Actor, slug: string, lang?: Lang) {
    const language = lang ?? actor.locale;
    const { module, assignment } = await this.assignedModule(actor, slug);
    const [facts, progress, quiz] = await Promise.all([
      this.organizations.getSettings(requireOrganization(actor)),
      this.repository.getProgress(assignment.id),
      this.currentDraw(module, assignment.id),
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
      })),
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
      const existing = await this.repository.getOpenDraw(this.dataSource.manager, assignmentId);
      if (existing) {
        const presented = existing.version === module.version ? presentDraw(module, existing.questions) : null;
        if (presented) return presented;
        await this.repository.discardDraw(existing.id);
      }
      const created = await this.repository.insertDraw(assignmentId, module.version, drawQuiz(module));
      if (created) return presentDraw(module, created.questions)!;
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

  async submitAttempt(actor: Actor, slug: string, answers: Answers, idempotencyKey: string | null, lang?: Lang): Promise<AttemptResult> {
    const language = lang ?? actor.locale;
    const { module } = await this.assignedModule(actor, slug);
    if (idempotencyKey !== null && (idempotencyKey.length < 1 || idempotencyKey.length > 200)) {
      throw new BadRequestException({ statusCode: 400, message: 'Idempotency-Key must be 1–200 characters', fields: [{ field: 'Idempotency-Key', message: 'must be 1–200 characters' }] });
    }
    const requestHash = createHash('sha256').update(canonicalJson(answers)).digest('hex');
    return this.dataSource.transaction(async (m) => {
      // One submission at a time per assignment: a double submit waits here, then finds the first.
      const assignment = await this.repository.getAssignment(m, actor.userId, slug, true);
      if (!assignment) throw new NotFoundException('Module not found among your assignments');
      if (idempotencyKey) {
        const earlier = await this.repository.findAttemptByKey(m, actor.userId, idempotencyKey);
        if (earlier) {
          if (earlier.request_hash !== requestHash) throw new ConflictException('This Idempotency-Key was already used with different answers');
          return earlier.result as AttemptResult;
        }
      }
      if (assignment.completed_at) throw new ConflictException('You have already completed this module');
      const read = await this.repository.countReadLessons(m, assignment.id, module.lessons.map((l) => l.id));
      if (read < module.lessons.length) {
        throw new ConflictException(`Read every lesson first: ${module.lessons.length - read} of ${module.lessons.length} still to read`);
      }
      const draw = await this.repository.getOpenDraw(m, assignment.id);
      const quiz = draw && draw.version === module.version ? presentDraw(module, draw.questions) : null;
      if (!draw || !quiz) throw new ConflictException('This quiz is no longer current: open the quiz again to get this attempt\'s questions');
      const problems = checkAnswers(quiz, answers);
      if (problems.length) {
        throw new BadRequestException({ statusCode: 400, message: problems.map((p) => p.message).join('; '), fields: problems });
      }
      const limit = this.config.quizAttemptsPerDay;
      const today = await this.repository.countAttemptsToday(m, assignment.id);
      if (today >= limit) {
        throw new HttpException({ statusCode: 429, message: `You have used today's ${limit} attempts for this quiz. Review the lessons and try again tomorrow.` }, HttpStatus.TOO_MANY_REQUESTS);
      }
      const graded = grade(quiz, answers, module.passMark, language);
      const result: AttemptResult = { id: randomUUID(), ...graded, passMark: module.passMark, attemptsLeftToday: limit - today - 1 };
      await this.repository.insertAttempt(m, {
        id: result.id,
        result,
        organizationId: assignment.organization_id,
        assignmentId: assignment.id,
        userId: actor.userId,
        slug,
        version: module.version,
        // Stored with the authored option ids, which mean something without the draw.
        answers: authoredAnswers(quiz, answers),
        score: graded.score,
        passed: graded.passed,
        idempotencyKey,
        requestHash,
      });
      await this.repository.consumeDraw(m, draw.id, result.id);
      await this.auditTrail.append(m, {
        organizationId: assignment.organization_id,
        actorId: actor.userId,
        action: 'learning.attempt_submitted',
        targetType: 'quiz_attempt',
        targetId: result.id,
        details: { module: slug, version: module.version, score: graded.score, passed: graded.passed },
      });
      if (graded.passed) {
        await this.completeAssignment(m, actor, module, assignment.id, assignment.organization_id, result);
        // The stored result carries the certificate serial too, so an idempotent replay returns it.
        await this.repository.storeAttemptResult(m, result.id, result);
      }
      return result;
    });
  }

  private async completeAssignment(
    m: import('typeorm').EntityManager,
    actor: Actor,
    module: CatalogModule,
    assignmentId: string,
    organizationId: string,
    attempt: AttemptResult,
  ): Promise<void> {
    const timeSpentSeconds = await this.repository.timeSpentSeconds(m, assignmentId);
    const completionId = await this.repository.complete(m, {
      assignmentId,
      organizationId,
      userId: actor.userId,
      slug: module.slug,
      version: module.version,
      attemptId: attempt.id,
      score: attempt.score,
      timeSpentSeconds,
      recertificationMonths: module.recertificationMonths,
    });
    await this.auditTrail.append(m, {
      organizationId,
      actorId: actor.userId,
      action: 'learning.completed',
      targetType: 'completion',
      targetId: completionId,
      details: { module: module.slug, version: module.version, score: attempt.score, timeSpentSeconds },
    });
    attempt.certificateSerial = await this.certificates.issue(m, {
      completionId,
      assignmentId,
      organizationId,
      userId: actor.userId,
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
