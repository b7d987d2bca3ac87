import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Answered checks, reflections and pre-tests (migration InteractiveLessons1766500000000). */
@Injectable()
export class InteractiveRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One row per assignment and check: the latest answer, how many times and since when it was answered. */
  async recordCheck(c: { assignmentId: string; lessonId: string; blockId: string; version: string; optionIds: string[]; correct: boolean }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO check_answers (assignment_id, block_id, lesson_id, module_version, option_ids, correct)
       VALUES ($1, $2, $3, $4, $5::text[], $6)
       ON CONFLICT (assignment_id, block_id) DO UPDATE SET lesson_id = EXCLUDED.lesson_id, module_version = EXCLUDED.module_version,
         option_ids = EXCLUDED.option_ids, correct = EXCLUDED.correct, answer_count = check_answers.answer_count + 1, answered_at = now()`,
      [c.assignmentId, c.blockId, c.lessonId, c.version, c.optionIds, c.correct],
    );
  }

  /** The ids of the checks of this assignment answered so far. */
  async answeredChecks(assignmentId: string): Promise<string[]> {
    const rows: { block_id: string }[] = await this.dataSource.query(`SELECT block_id FROM check_answers WHERE assignment_id = $1`, [assignmentId]);
    return rows.map((r) => r.block_id);
  }

  async reflections(userId: string, slug: string): Promise<{ block_id: string; text_sealed: Buffer }[]> {
    return this.dataSource.query(`SELECT block_id, text_sealed FROM reflections WHERE user_id = $1 AND module_slug = $2`, [userId, slug]);
  }

  async saveReflection(userId: string, slug: string, blockId: string, sealed: Buffer): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO reflections (user_id, module_slug, block_id, text_sealed) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, module_slug, block_id) DO UPDATE SET text_sealed = EXCLUDED.text_sealed, updated_at = now()`,
      [userId, slug, blockId, sealed],
    );
  }

  async deleteReflection(userId: string, slug: string, blockId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM reflections WHERE user_id = $1 AND module_slug = $2 AND block_id = $3`, [userId, slug, blockId]);
  }

  /** The assignment's pre-test score, and whether its quiz has been attempted (the pre-test comes before it). */
  async pretestState(assignmentId: string): Promise<{ score: number | null; taken_at: Date | null; quiz_attempted: boolean }> {
    const [row] = await this.dataSource.query(
      `SELECT p.score, p.created_at AS taken_at,
              EXISTS (SELECT 1 FROM quiz_attempts q WHERE q.assignment_id = $1) AS quiz_attempted
         FROM (SELECT 1) one LEFT JOIN pretest_attempts p ON p.assignment_id = $1`,
      [assignmentId],
    );
    return row;
  }

  /**
   * Stores the pre-test once per assignment, and only while the quiz has not been attempted: both
   * checked in the INSERT itself, so two submissions at once store one. False when refused.
   */
  async insertPretest(p: { assignmentId: string; organizationId: string; userId: string; slug: string; version: string; answers: unknown; score: number }): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO pretest_attempts (assignment_id, organization_id, user_id, module_slug, module_version, answers, score)
       SELECT $1, $2, $3, $4, $5, $6::jsonb, $7
        WHERE NOT EXISTS (SELECT 1 FROM quiz_attempts q WHERE q.assignment_id = $1)
       ON CONFLICT (assignment_id) DO NOTHING
       RETURNING assignment_id`,
      [p.assignmentId, p.organizationId, p.userId, p.slug, p.version, JSON.stringify(p.answers), p.score],
    );
    return rows.length > 0;
  }
}
