import { Injectable } from '@nestjs/common';
import { preparedQuery } from '../database/prepared-query';
import { DataSource, EntityManager } from 'typeorm';
import type { DrawnQuestion } from './quiz-draw';
import { ASSIGNMENT_STATUS_SQL, ORG_TODAY_SQL } from './assignment-status.sql';

export interface MyAssignmentRow {
  id: string;
  slug: string;
  title: { id: string; en: string };
  audience: string;
  version: string;
  status: string;
  dueAt: string;
  completedAt: Date | null;
  completedVersion: string | null;
  lessonsRead: number;
  lessonCount: number;
  certificateSerial: string | null;
  lastAttemptId: string | null;
}

/** A person's own submitted attempt, to open its result again later. */
export interface MyAttemptRow {
  id: string;
  slug: string;
  moduleVersion: string;
  score: number;
  passed: boolean;
  submittedAt: Date;
  questions: number;
  correct: number;
  certificateSerial: string | null;
}

export interface StoredDraw {
  id: string;
  version: string;
  questions: DrawnQuestion[];
}

export type SubmitOutcome = 'ok' | 'replay' | 'unauthorized' | 'not_found' | 'key_conflict' | 'completed' | 'lessons_unread' | 'stale_draw' | 'limit';

export interface OneStatementOutcome {
  outcome: SubmitOutcome | 'totp' | 'forbidden' | 'mismatch';
  result: unknown;
  detail: number | null;
  user_id: string | null;
  organization_id: string | null;
  assignment_id: string | null;
}

export interface SubmissionContext {
  user_id: string;
  roles: string[];
  locale: 'id' | 'en';
  must_enroll_totp: boolean;
  assignment_id: string | null;
  organization_id: string | null;
  completed: boolean | null;
  lessons_read: number | null;
  /** The assignment's open draw. */
  draw: StoredDraw | null;
  earlier_hash: string | null;
  earlier_result: unknown;
}

export interface AssignmentForUser {
  id: string;
  organization_id: string;
  module_slug: string;
  status: string;
  due_on: string;
  completed_at: Date | null;
  module_version: string | null;
  started_at: Date | null;
  today: string;
}

/**
 * When a lesson's reading clock starts (needs `p` = lesson_progress): its opening or, if later, the
 * latest read of another lesson of the assignment, so clocks never overlap.
 */
const LESSON_CLOCK_START_SQL = `GREATEST(p.opened_at, (SELECT max(o.read_at) FROM lesson_progress o
                                                    WHERE o.assignment_id = p.assignment_id AND o.lesson_id <> p.lesson_id))`;

@Injectable()
export class LearningRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The current assignment of each module for this person (the latest, exemptions left out). */
  getMyAssignments(userId: string): Promise<MyAssignmentRow[]> {
    return this.dataSource.query(
      `SELECT * FROM (
         SELECT DISTINCT ON (a.module_slug)
                a.id, m.slug, m.title, m.audience, m.version, ${ASSIGNMENT_STATUS_SQL} AS status,
                to_char(a.due_on, 'YYYY-MM-DD') AS "dueAt", a.completed_at AS "completedAt",
                a.module_version AS "completedVersion",
                (SELECT count(*)::int FROM lesson_progress p WHERE p.assignment_id = a.id AND p.read_at IS NOT NULL) AS "lessonsRead",
                m.lesson_count AS "lessonCount", m.position,
                (SELECT c.serial FROM certificates c WHERE c.assignment_id = a.id AND c.revoked_at IS NULL LIMIT 1) AS "certificateSerial",
                (SELECT q.id FROM quiz_attempts q WHERE q.assignment_id = a.id ORDER BY q.created_at DESC LIMIT 1) AS "lastAttemptId"
           FROM assignments a
           JOIN modules m ON m.slug = a.module_slug
           JOIN organizations o ON o.id = a.organization_id
           CROSS JOIN LATERAL (SELECT ${ORG_TODAY_SQL} AS today) d
          WHERE a.user_id = $1 AND a.exempted_at IS NULL AND m.active
          ORDER BY a.module_slug, a.assigned_at DESC
       ) x ORDER BY CASE x.status WHEN 'overdue' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'not_started' THEN 2 WHEN 'expired' THEN 3 ELSE 4 END, x."dueAt", x.position`,
      [userId],
    );
  }

  /** One of the person's own attempts (another person's → null); the counts come from the stored result. */
  async getMyAttempt(userId: string, attemptId: string): Promise<MyAttemptRow | null> {
    const [row] = await this.dataSource.query(
      `SELECT q.id, q.module_slug AS slug, q.module_version AS "moduleVersion", q.score, q.passed, q.created_at AS "submittedAt",
              jsonb_array_length(COALESCE(q.result -> 'feedback', '[]')) AS questions,
              (SELECT count(*)::int FROM jsonb_array_elements(COALESCE(q.result -> 'feedback', '[]')) f WHERE (f ->> 'correct')::boolean) AS correct,
              (SELECT c.serial FROM certificates c WHERE c.assignment_id = q.assignment_id AND c.revoked_at IS NULL AND q.passed LIMIT 1) AS "certificateSerial"
         FROM quiz_attempts q
        WHERE q.id = $2 AND q.user_id = $1`,
      [userId, attemptId],
    );
    return row ?? null;
  }

  /** The person's current assignment of a module. */
  async getAssignment(userId: string, slug: string): Promise<AssignmentForUser | null> {
    const [row] = await this.dataSource.query(
      `SELECT a.id, a.organization_id, a.module_slug, ${ASSIGNMENT_STATUS_SQL} AS status, to_char(a.due_on, 'YYYY-MM-DD') AS due_on,
              a.completed_at, a.module_version, a.started_at, to_char(today, 'YYYY-MM-DD') AS today
         FROM assignments a
         JOIN organizations o ON o.id = a.organization_id
         CROSS JOIN LATERAL (SELECT ${ORG_TODAY_SQL} AS today) d
        WHERE a.user_id = $1 AND a.module_slug = $2 AND a.exempted_at IS NULL
        ORDER BY a.assigned_at DESC LIMIT 1`,
      [userId, slug],
    );
    return row ?? null;
  }

  /** Each opened lesson with the seconds its clock has run on the database clock (LESSON_CLOCK_START_SQL). */
  async getProgress(assignmentId: string): Promise<{ lesson_id: string; read: boolean; elapsed: number }[]> {
    return this.dataSource.query(
      `SELECT p.lesson_id, p.read_at IS NOT NULL AS read, extract(epoch FROM now() - ${LESSON_CLOCK_START_SQL})::float8 AS elapsed
         FROM lesson_progress p
        WHERE p.assignment_id = $1`,
      [assignmentId],
    );
  }

  /** Records the first opening only: the minimum reading time counts from it. */
  async markOpened(manager: EntityManager, assignmentId: string, lessonId: string): Promise<void> {
    await manager.query(
      `INSERT INTO lesson_progress (assignment_id, lesson_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [assignmentId, lessonId],
    );
    await manager.query(`UPDATE assignments SET started_at = now() WHERE id = $1 AND started_at IS NULL`, [assignmentId]);
  }

  /**
   * Marks the lesson read if its clock (LESSON_CLOCK_START_SQL) has run `minSeconds` on the database
   * clock. Returns the seconds still to wait (0 when done), or null if it was never opened.
   */
  async markRead(manager: EntityManager, assignmentId: string, lessonId: string, minSeconds: number): Promise<number | null> {
    // Reads of one assignment take turns: two lessons read at the same instant would each see no
    // other read and both count.
    await manager.query(`SELECT 1 FROM assignments WHERE id = $1 FOR NO KEY UPDATE`, [assignmentId]);
    const [row] = await manager.query(
      `SELECT p.read_at IS NOT NULL AS read,
              ceil(extract(epoch FROM ${LESSON_CLOCK_START_SQL} + make_interval(secs => $3) - now()))::int AS wait
         FROM lesson_progress p WHERE p.assignment_id = $1 AND p.lesson_id = $2`,
      [assignmentId, lessonId, minSeconds],
    );
    if (!row) return null;
    if (row.read) return 0;
    if (row.wait > 0) return row.wait;
    await manager.query(`UPDATE lesson_progress SET read_at = now() WHERE assignment_id = $1 AND lesson_id = $2`, [assignmentId, lessonId]);
    return 0;
  }

  /** The assignment's open draw (not submitted yet), if any. */
  async getOpenDraw(assignmentId: string): Promise<StoredDraw | null> {
    const [row] = await this.dataSource.query(
      `SELECT id, module_version AS version, questions FROM quiz_draws WHERE assignment_id = $1 AND attempt_id IS NULL`,
      [assignmentId],
    );
    return row ?? null;
  }

  /** Stores a new open draw unless another request stored one first (then returns false). */
  async insertDraw(assignmentId: string, draw: { id: string; version: string; questions: DrawnQuestion[] }): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO quiz_draws (id, assignment_id, module_version, questions) VALUES ($1, $2, $3, $4)
       ON CONFLICT (assignment_id) WHERE attempt_id IS NULL DO NOTHING
       RETURNING id`,
      [draw.id, assignmentId, draw.version, JSON.stringify(draw.questions)],
    );
    return rows.length > 0;
  }

  /** Drops an open draw made for an earlier version of the module's content. */
  async discardDraw(drawId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM quiz_draws WHERE id = $1 AND attempt_id IS NULL`, [drawId]);
  }

  /**
   * Everything a submission needs, in one statement and without a lock: the session (checked as the
   * AuthGuard checks it: the route skips the guard's own lookup), the current assignment, its lesson
   * check, its open draw and an earlier attempt under the same Idempotency-Key. Null: no valid session.
   * What decides whether the attempt counts is checked again under the lock by learning_submit_attempt.
   */
  async loadSubmission(tokenHash: string, slug: string, idempotencyKey: string | null, lessonIds: string[]): Promise<SubmissionContext | null> {
    // Prepared: parsed and planned once per connection, not at every submission.
    const [row] = await preparedQuery<SubmissionContext>(
      this.dataSource,
      'learning.load-submission',
      `SELECT u.id AS user_id, u.roles, u.locale, l.must_enroll_totp, a.id AS assignment_id, a.organization_id, a.completed_at IS NOT NULL AS completed,
              (SELECT count(*)::int FROM lesson_progress p
                WHERE p.assignment_id = a.id AND p.lesson_id = ANY($4::text[]) AND p.read_at IS NOT NULL) AS lessons_read,
              CASE WHEN d.id IS NOT NULL THEN jsonb_build_object('id', d.id, 'version', d.module_version, 'questions', d.questions) END AS draw,
              e.request_hash AS earlier_hash, e.result AS earlier_result
         FROM live_session($1) l
         JOIN users u ON u.id = l.user_id
         LEFT JOIN LATERAL (SELECT a.id, a.organization_id, a.completed_at FROM assignments a
                             WHERE a.user_id = u.id AND a.module_slug = $2 AND a.exempted_at IS NULL
                             ORDER BY a.assigned_at DESC LIMIT 1) a ON true
         LEFT JOIN quiz_draws d ON d.assignment_id = a.id AND d.attempt_id IS NULL
         LEFT JOIN quiz_attempts e ON $3::text IS NOT NULL AND e.user_id = u.id AND e.idempotency_key = $3::text`,
      [tokenHash, slug, idempotencyKey, lessonIds],
    );
    return row ?? null;
  }

  /**
   * The checks that decide and the writes, in one round trip (migration QuizSubmission1765100000001).
   * Without a manager, one autocommitted statement on a pooled connection (the function is atomic on
   * its own); with one, inside the caller's transaction.
   */
  async recordAttempt(
    manager: EntityManager | null,
    a: {
      tokenHash: string;
      assignmentId: string;
      drawId: string;
      lessonIds: string[];
      attemptsPerDay: number;
      attemptId: string;
      slug: string;
      version: string;
      answers: unknown;
      score: number;
      passed: boolean;
      result: unknown;
      idempotencyKey: string | null;
      requestHash: string;
    },
  ): Promise<{ outcome: SubmitOutcome; result: unknown; detail: number | null }> {
    const text = `SELECT outcome, result, detail FROM learning_submit_attempt($1, $2, $3, $4::text[], $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`;
    const values = [a.tokenHash, a.assignmentId, a.drawId, a.lessonIds, a.attemptsPerDay, a.attemptId, a.slug, a.version, JSON.stringify(a.answers), a.score, a.passed, JSON.stringify(a.result), a.idempotencyKey, a.requestHash];
    const [row] = await preparedQuery<{ outcome: SubmitOutcome; result: unknown; detail: number | null }>(manager ?? this.dataSource, 'learning.submit-attempt', text, values);
    return row;
  }

  /**
   * A whole submission in one round trip (migration QuizSubmitOneStatement1766800000000): the session
   * and every rule, checked under the assignment's lock, and the writes. 'mismatch': the draw is not
   * open, or not the answered questions; the caller then takes the two-statement path.
   */
  async submitInOneStatement(
    manager: EntityManager | null,
    a: {
      tokenHash: string;
      slug: string;
      drawId: string;
      questionIds: string[];
      lessonIds: string[];
      attemptsPerDay: number;
      attemptId: string;
      version: string;
      answers: unknown;
      score: number;
      passed: boolean;
      /** The result in each language; null for a language the learner does not read in (never kept). */
      results: Record<'id' | 'en', object | null>;
      lang: string | null;
      idempotencyKey: string | null;
      requestHash: string;
    },
  ): Promise<OneStatementOutcome> {
    const text = `SELECT outcome, result, detail, user_id, organization_id, assignment_id
                    FROM learning_submit_quiz($1, $2, $3, $4::text[], $5::text[], $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`;
    const values = [
      a.tokenHash, a.slug, a.drawId, a.questionIds, a.lessonIds, a.attemptsPerDay, a.attemptId, a.version, JSON.stringify(a.answers),
      a.score, a.passed, a.results.id && JSON.stringify(a.results.id), a.results.en && JSON.stringify(a.results.en), a.lang, a.idempotencyKey, a.requestHash,
    ];
    const [row] = await preparedQuery<OneStatementOutcome>(manager ?? this.dataSource, 'learning.submit-quiz', text, values);
    return row;
  }

  async storeAttemptResult(manager: EntityManager, attemptId: string, result: unknown): Promise<void> {
    await manager.query(`UPDATE quiz_attempts SET result = $2 WHERE id = $1`, [attemptId, JSON.stringify(result)]);
  }

  /** Reading time: each lesson from opening to read, capped at 30 minutes so a tab left open does not count. */
  async timeSpentSeconds(manager: EntityManager, assignmentId: string): Promise<number> {
    const [row] = await manager.query(
      `SELECT COALESCE(sum(LEAST(extract(epoch FROM read_at - opened_at), 1800)), 0)::int AS seconds
         FROM lesson_progress WHERE assignment_id = $1 AND read_at IS NOT NULL`,
      [assignmentId],
    );
    return row.seconds;
  }

  async complete(
    manager: EntityManager,
    c: { assignmentId: string; organizationId: string; userId: string; slug: string; version: string; attemptId: string; score: number; timeSpentSeconds: number; recertificationMonths: number },
  ): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO completions (organization_id, assignment_id, user_id, module_slug, module_version, attempt_id, score, time_spent_seconds)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [c.organizationId, c.assignmentId, c.userId, c.slug, c.version, c.attemptId, c.score, c.timeSpentSeconds],
    );
    await manager.query(
      `UPDATE assignments a SET completed_at = now(), module_version = $2,
              expires_on = (org_today(o.id) + make_interval(months => $3))::date
         FROM organizations o WHERE a.id = $1 AND o.id = a.organization_id`,
      [c.assignmentId, c.version, c.recertificationMonths],
    );
    return row.id;
  }

  /** Opens an assignment for each person unless one is already open (idempotent). */
  async assign(manager: EntityManager, organizationId: string, userIds: string[], slug: string, dueOn: string): Promise<number> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO assignments (organization_id, user_id, module_slug, due_on)
       SELECT $1, u, $3, $4::date FROM unnest($2::uuid[]) AS u
       ON CONFLICT (user_id, module_slug) WHERE completed_at IS NULL AND exempted_at IS NULL DO NOTHING
       RETURNING id`,
      [organizationId, userIds, slug, dueOn],
    );
    return rows.length;
  }
}
