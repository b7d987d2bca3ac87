import type { MigrationInterface, QueryRunner } from 'typeorm';
import { QuizSubmission1765100000001 } from './1765100000001-quiz-submission';

/**
 * What makes a session live, written once: the auth guard, the quiz submission's read statement and
 * learning_submit_attempt (which re-checks under the assignment's lock) all call live_session(), so a
 * condition added here (a revocation, the organisation's second-factor rule) holds on every route.
 * A set-returning SQL function: PostgreSQL inlines it into the calling query, so it costs no extra
 * round trip or plan.
 */
export class LiveSession1765800000000 implements MigrationInterface {
  name = 'LiveSession1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION live_session(p_token_hash text) RETURNS TABLE (session_id uuid, user_id uuid, must_enroll_totp boolean)
      LANGUAGE sql STABLE AS $$
        SELECT s.id, u.id,
               (u.totp_enabled_at IS NULL AND 'hr_admin' = ANY(u.roles)
                AND coalesce((SELECT o.require_hr_totp FROM organizations o WHERE o.id = u.organization_id), false))
          FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = p_token_hash AND s.revoked_at IS NULL AND s.expires_at > now() AND u.status = 'active'
      $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION learning_submit_attempt(
        p_token_hash text, p_assignment_id uuid, p_draw_id uuid, p_lesson_ids text[], p_attempts_per_day integer,
        p_attempt_id uuid, p_module_slug text, p_module_version text, p_answers jsonb, p_score integer, p_passed boolean,
        p_result jsonb, p_idempotency_key text, p_request_hash text
      ) RETURNS TABLE (outcome text, result jsonb, detail integer)
      LANGUAGE plpgsql AS $$
      #variable_conflict use_column
      DECLARE
        v_user uuid;
        v_org uuid;
        v_completed timestamptz;
        v_earlier record;
        v_count integer;
        v_result jsonb;
      BEGIN
        -- One submission at a time per assignment: a double submit waits here, then finds the first.
        SELECT a.organization_id, a.completed_at, a.user_id INTO v_org, v_completed, v_user FROM assignments a
         WHERE a.id = p_assignment_id AND a.exempted_at IS NULL FOR UPDATE;
        IF NOT FOUND THEN RETURN QUERY SELECT 'not_found', NULL::jsonb, NULL::integer; RETURN; END IF;

        -- The session, checked after the wait for the lock: one revoked meanwhile stops the attempt.
        PERFORM 1 FROM live_session(p_token_hash) l WHERE l.user_id = v_user;
        IF NOT FOUND THEN RETURN QUERY SELECT 'unauthorized', NULL::jsonb, NULL::integer; RETURN; END IF;

        IF p_idempotency_key IS NOT NULL THEN
          SELECT q.request_hash, q.result INTO v_earlier FROM quiz_attempts q WHERE q.user_id = v_user AND q.idempotency_key = p_idempotency_key;
          IF FOUND THEN
            IF v_earlier.request_hash <> p_request_hash THEN RETURN QUERY SELECT 'key_conflict', NULL::jsonb, NULL::integer;
            ELSE RETURN QUERY SELECT 'replay', v_earlier.result, NULL::integer;
            END IF;
            RETURN;
          END IF;
        END IF;

        IF v_completed IS NOT NULL THEN RETURN QUERY SELECT 'completed', NULL::jsonb, NULL::integer; RETURN; END IF;

        SELECT count(*)::integer INTO v_count FROM lesson_progress p
         WHERE p.assignment_id = p_assignment_id AND p.lesson_id = ANY(p_lesson_ids) AND p.read_at IS NOT NULL;
        IF v_count < cardinality(p_lesson_ids) THEN
          RETURN QUERY SELECT 'lessons_unread', NULL::jsonb, cardinality(p_lesson_ids) - v_count; RETURN;
        END IF;

        PERFORM 1 FROM quiz_draws d WHERE d.id = p_draw_id AND d.assignment_id = p_assignment_id AND d.attempt_id IS NULL;
        IF NOT FOUND THEN RETURN QUERY SELECT 'stale_draw', NULL::jsonb, NULL::integer; RETURN; END IF;

        SELECT count(*)::integer INTO v_count FROM quiz_attempts q
         WHERE q.assignment_id = p_assignment_id AND org_today(v_org, q.created_at) = org_today(v_org);
        IF v_count >= p_attempts_per_day THEN RETURN QUERY SELECT 'limit', NULL::jsonb, p_attempts_per_day; RETURN; END IF;

        v_result := p_result || jsonb_build_object('attemptsLeftToday', p_attempts_per_day - v_count - 1);
        INSERT INTO quiz_attempts (id, organization_id, assignment_id, user_id, module_slug, module_version, answers, score, passed,
                                   result, idempotency_key, request_hash)
        VALUES (p_attempt_id, v_org, p_assignment_id, v_user, p_module_slug, p_module_version, p_answers, p_score, p_passed,
                v_result, p_idempotency_key, p_request_hash);
        UPDATE quiz_draws SET attempt_id = p_attempt_id WHERE id = p_draw_id;
        INSERT INTO audit_entries (organization_id, actor_id, action, target_type, target_id, details)
        VALUES (v_org, v_user, 'learning.attempt_submitted', 'quiz_attempt', p_attempt_id::text,
                jsonb_build_object('module', p_module_slug, 'version', p_module_version, 'score', p_score, 'passed', p_passed));
        RETURN QUERY SELECT 'ok', v_result, v_count;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Back to the function as QuizSubmission created it, then drop the shared check.
    const previous = new QuizSubmission1765100000001();
    await previous.down(q);
    await previous.up(q);
    await q.query(`DROP FUNCTION IF EXISTS live_session(text)`);
  }
}
