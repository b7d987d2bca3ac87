import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A quiz submission in ONE round trip. learning_submit_attempt needed a read statement first (session,
 * assignment, draw) so that the app could grade against the draw; option ids now carry their draw
 * (QuizOptionIds), so the app grades first and this function does everything else in one statement:
 * the session (via live_session, never cached, re-checked after the lock wait), role and second-factor
 * rule, the assignment and its lock, idempotency, completion, the lesson check, the draw (open, same
 * version, exactly the answered questions), the daily limit, the attempt row, the draw used up and the
 * trail entry. The app grades in both languages; the result kept is the one the learner reads in
 * (`p_lang`, else the account's locale), so a replay answers exactly what the first answer said.
 * 'mismatch' sends the app back to the two-statement path, which words the precise error.
 */
export class QuizSubmitOneStatement1766800000000 implements MigrationInterface {
  name = 'QuizSubmitOneStatement1766800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION learning_submit_quiz(
        p_token_hash text, p_module_slug text, p_draw_id uuid, p_question_ids text[], p_lesson_ids text[],
        p_attempts_per_day integer, p_attempt_id uuid, p_module_version text, p_answers jsonb, p_score integer,
        p_passed boolean, p_result_id jsonb, p_result_en jsonb, p_lang text, p_idempotency_key text, p_request_hash text
      ) RETURNS TABLE (outcome text, result jsonb, detail integer, user_id uuid, organization_id uuid, assignment_id uuid)
      LANGUAGE plpgsql AS $$
      #variable_conflict use_column
      DECLARE
        v_user uuid;
        v_totp boolean;
        v_roles text[];
        v_locale text;
        v_assignment uuid;
        v_org uuid;
        v_completed timestamptz;
        v_earlier record;
        v_draw record;
        v_count integer;
        v_result jsonb;
      BEGIN
        SELECT l.user_id, l.must_enroll_totp, u.roles, u.locale INTO v_user, v_totp, v_roles, v_locale
          FROM live_session(p_token_hash) l JOIN users u ON u.id = l.user_id;
        IF NOT FOUND THEN RETURN QUERY SELECT 'unauthorized', NULL::jsonb, NULL::integer, NULL::uuid, NULL::uuid, NULL::uuid; RETURN; END IF;
        IF v_totp THEN RETURN QUERY SELECT 'totp', NULL::jsonb, NULL::integer, NULL::uuid, NULL::uuid, NULL::uuid; RETURN; END IF;
        IF NOT ('employee' = ANY(v_roles)) THEN RETURN QUERY SELECT 'forbidden', NULL::jsonb, NULL::integer, NULL::uuid, NULL::uuid, NULL::uuid; RETURN; END IF;

        -- One submission at a time per assignment: a double submit waits here, then finds the first.
        SELECT a.id, a.organization_id, a.completed_at INTO v_assignment, v_org, v_completed FROM assignments a
         WHERE a.user_id = v_user AND a.module_slug = p_module_slug AND a.exempted_at IS NULL
         ORDER BY a.assigned_at DESC LIMIT 1 FOR UPDATE;
        IF NOT FOUND THEN RETURN QUERY SELECT 'not_found', NULL::jsonb, NULL::integer, NULL::uuid, NULL::uuid, NULL::uuid; RETURN; END IF;
        -- The session again, after the wait for the lock: one revoked meanwhile stops the attempt.
        PERFORM 1 FROM live_session(p_token_hash) l WHERE l.user_id = v_user;
        IF NOT FOUND THEN RETURN QUERY SELECT 'unauthorized', NULL::jsonb, NULL::integer, NULL::uuid, NULL::uuid, NULL::uuid; RETURN; END IF;

        IF p_idempotency_key IS NOT NULL THEN
          SELECT q.request_hash, q.result INTO v_earlier FROM quiz_attempts q WHERE q.user_id = v_user AND q.idempotency_key = p_idempotency_key;
          IF FOUND THEN
            IF v_earlier.request_hash <> p_request_hash THEN
              RETURN QUERY SELECT 'key_conflict', NULL::jsonb, NULL::integer, v_user, v_org, v_assignment;
            ELSE
              RETURN QUERY SELECT 'replay', v_earlier.result, NULL::integer, v_user, v_org, v_assignment;
            END IF;
            RETURN;
          END IF;
        END IF;

        IF v_completed IS NOT NULL THEN RETURN QUERY SELECT 'completed', NULL::jsonb, NULL::integer, v_user, v_org, v_assignment; RETURN; END IF;

        SELECT count(*)::integer INTO v_count FROM lesson_progress p
         WHERE p.assignment_id = v_assignment AND p.lesson_id = ANY(p_lesson_ids) AND p.read_at IS NOT NULL;
        IF v_count < cardinality(p_lesson_ids) THEN
          RETURN QUERY SELECT 'lessons_unread', NULL::jsonb, cardinality(p_lesson_ids) - v_count, v_user, v_org, v_assignment; RETURN;
        END IF;

        SELECT d.module_version, d.questions INTO v_draw FROM quiz_draws d
         WHERE d.id = p_draw_id AND d.assignment_id = v_assignment AND d.attempt_id IS NULL;
        IF NOT FOUND OR v_draw.module_version <> p_module_version
           OR (SELECT array_agg(x.q ->> 'id' ORDER BY x.q ->> 'id') FROM jsonb_array_elements(v_draw.questions) x(q))
              IS DISTINCT FROM (SELECT array_agg(i ORDER BY i) FROM unnest(p_question_ids) i) THEN
          RETURN QUERY SELECT 'mismatch', NULL::jsonb, NULL::integer, v_user, v_org, v_assignment; RETURN;
        END IF;

        SELECT count(*)::integer INTO v_count FROM quiz_attempts q
         WHERE q.assignment_id = v_assignment AND org_today(v_org, q.created_at) = org_today(v_org);
        IF v_count >= p_attempts_per_day THEN
          RETURN QUERY SELECT 'limit', NULL::jsonb, p_attempts_per_day, v_user, v_org, v_assignment; RETURN;
        END IF;

        v_result := (CASE WHEN coalesce(p_lang, v_locale) = 'en' THEN p_result_en ELSE p_result_id END)
                    || jsonb_build_object('attemptsLeftToday', p_attempts_per_day - v_count - 1);
        INSERT INTO quiz_attempts (id, organization_id, assignment_id, user_id, module_slug, module_version, answers, score, passed,
                                   result, idempotency_key, request_hash)
        VALUES (p_attempt_id, v_org, v_assignment, v_user, p_module_slug, p_module_version, p_answers, p_score, p_passed,
                v_result, p_idempotency_key, p_request_hash);
        UPDATE quiz_draws SET attempt_id = p_attempt_id WHERE id = p_draw_id;
        INSERT INTO audit_entries (organization_id, actor_id, action, target_type, target_id, details)
        VALUES (v_org, v_user, 'learning.attempt_submitted', 'quiz_attempt', p_attempt_id::text,
                jsonb_build_object('module', p_module_slug, 'version', p_module_version, 'score', p_score, 'passed', p_passed));
        RETURN QUERY SELECT 'ok', v_result, v_count, v_user, v_org, v_assignment;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP FUNCTION IF EXISTS learning_submit_quiz(text, text, uuid, text[], text[], integer, uuid, text, jsonb, integer, boolean, jsonb, jsonb, text, text, text)`,
    );
  }
}
