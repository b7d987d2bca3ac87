import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A quiz submission's result no longer travels back from PostgreSQL when the app already holds it
 * (issue 15). The app grades the answers and sends the result in the learner's language (?lang, which
 * the app always sends); learning_submit_quiz stores it and used to return it too, so every submission
 * serialised ~3 KB of jsonb to text in PostgreSQL and parsed it again in the app's one thread. It now
 * returns the result only when the database chose the language (no ?lang: the account's locale) — and
 * on an idempotent replay, which returns the first attempt's stored result as before. With the result
 * kept in the app, `detail` carries today's earlier attempts on 'ok', from which the app adds
 * attemptsLeftToday exactly as the function stores it. The function is otherwise unchanged.
 */
export class QuizSubmitResultInApp1767600000000 implements MigrationInterface {
  name = 'QuizSubmitResultInApp1767600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION learning_submit_quiz(
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
        v_state record;
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

        -- Everything else is read after the wait for the lock, in one statement (one snapshot, taken
        -- after the lock): the session again, so one revoked meanwhile stops the attempt, and the state
        -- the rules below decide on.
        SELECT EXISTS (SELECT 1 FROM live_session(p_token_hash) l WHERE l.user_id = v_user) AS live,
               e.request_hash AS earlier_hash, e.result AS earlier_result,
               (SELECT count(*)::integer FROM lesson_progress p
                 WHERE p.assignment_id = v_assignment AND p.lesson_id = ANY(p_lesson_ids) AND p.read_at IS NOT NULL) AS lessons_read,
               coalesce((SELECT d.module_version = p_module_version
                                AND (SELECT array_agg(x.q ->> 'id' ORDER BY x.q ->> 'id') FROM jsonb_array_elements(d.questions) x(q))
                                    IS NOT DISTINCT FROM (SELECT array_agg(i ORDER BY i) FROM unnest(p_question_ids) i)
                           FROM quiz_draws d WHERE d.id = p_draw_id AND d.assignment_id = v_assignment AND d.attempt_id IS NULL), false) AS draw_matches,
               (SELECT count(*)::integer FROM quiz_attempts q
                 WHERE q.assignment_id = v_assignment AND q.created_at > now() - interval '2 days'
                   AND org_today(v_org, q.created_at) = (SELECT org_today(v_org))) AS today
          INTO v_state
          FROM (SELECT) one
          LEFT JOIN quiz_attempts e ON p_idempotency_key IS NOT NULL AND e.user_id = v_user AND e.idempotency_key = p_idempotency_key;
        IF NOT v_state.live THEN RETURN QUERY SELECT 'unauthorized', NULL::jsonb, NULL::integer, NULL::uuid, NULL::uuid, NULL::uuid; RETURN; END IF;
        IF v_state.earlier_hash IS NOT NULL THEN
          IF v_state.earlier_hash <> p_request_hash THEN
            RETURN QUERY SELECT 'key_conflict', NULL::jsonb, NULL::integer, v_user, v_org, v_assignment;
          ELSE
            RETURN QUERY SELECT 'replay', v_state.earlier_result, NULL::integer, v_user, v_org, v_assignment;
          END IF;
          RETURN;
        END IF;
        IF v_completed IS NOT NULL THEN RETURN QUERY SELECT 'completed', NULL::jsonb, NULL::integer, v_user, v_org, v_assignment; RETURN; END IF;
        IF v_state.lessons_read < cardinality(p_lesson_ids) THEN
          RETURN QUERY SELECT 'lessons_unread', NULL::jsonb, cardinality(p_lesson_ids) - v_state.lessons_read, v_user, v_org, v_assignment; RETURN;
        END IF;
        IF NOT v_state.draw_matches THEN
          RETURN QUERY SELECT 'mismatch', NULL::jsonb, NULL::integer, v_user, v_org, v_assignment; RETURN;
        END IF;
        IF v_state.today >= p_attempts_per_day THEN
          RETURN QUERY SELECT 'limit', NULL::jsonb, p_attempts_per_day, v_user, v_org, v_assignment; RETURN;
        END IF;

        v_result := (CASE WHEN coalesce(p_lang, v_locale) = 'en' THEN p_result_en ELSE p_result_id END)
                    || jsonb_build_object('attemptsLeftToday', p_attempts_per_day - v_state.today - 1);
        -- The three writes in one statement; the foreign keys are checked at its end, when all are done.
        WITH attempt AS (
          INSERT INTO quiz_attempts (id, organization_id, assignment_id, user_id, module_slug, module_version, answers, score, passed,
                                     result, idempotency_key, request_hash)
          VALUES (p_attempt_id, v_org, v_assignment, v_user, p_module_slug, p_module_version, p_answers, p_score, p_passed,
                  v_result, p_idempotency_key, p_request_hash)
        ), used AS (
          UPDATE quiz_draws SET attempt_id = p_attempt_id WHERE id = p_draw_id
        )
        INSERT INTO audit_entries (organization_id, actor_id, action, target_type, target_id, details)
        VALUES (v_org, v_user, 'learning.attempt_submitted', 'quiz_attempt', p_attempt_id::text,
                jsonb_build_object('module', p_module_slug, 'version', p_module_version, 'score', p_score, 'passed', p_passed));
        -- With ?lang the app already holds this result (it graded it): only the attempts made today come back.
        RETURN QUERY SELECT 'ok', CASE WHEN p_lang IS NULL THEN v_result END, v_state.today, v_user, v_org, v_assignment;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION learning_submit_quiz(
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
        v_state record;
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

        -- Everything else is read after the wait for the lock, in one statement (one snapshot, taken
        -- after the lock): the session again, so one revoked meanwhile stops the attempt, and the state
        -- the rules below decide on.
        SELECT EXISTS (SELECT 1 FROM live_session(p_token_hash) l WHERE l.user_id = v_user) AS live,
               e.request_hash AS earlier_hash, e.result AS earlier_result,
               (SELECT count(*)::integer FROM lesson_progress p
                 WHERE p.assignment_id = v_assignment AND p.lesson_id = ANY(p_lesson_ids) AND p.read_at IS NOT NULL) AS lessons_read,
               coalesce((SELECT d.module_version = p_module_version
                                AND (SELECT array_agg(x.q ->> 'id' ORDER BY x.q ->> 'id') FROM jsonb_array_elements(d.questions) x(q))
                                    IS NOT DISTINCT FROM (SELECT array_agg(i ORDER BY i) FROM unnest(p_question_ids) i)
                           FROM quiz_draws d WHERE d.id = p_draw_id AND d.assignment_id = v_assignment AND d.attempt_id IS NULL), false) AS draw_matches,
               (SELECT count(*)::integer FROM quiz_attempts q
                 WHERE q.assignment_id = v_assignment AND q.created_at > now() - interval '2 days'
                   AND org_today(v_org, q.created_at) = (SELECT org_today(v_org))) AS today
          INTO v_state
          FROM (SELECT) one
          LEFT JOIN quiz_attempts e ON p_idempotency_key IS NOT NULL AND e.user_id = v_user AND e.idempotency_key = p_idempotency_key;
        IF NOT v_state.live THEN RETURN QUERY SELECT 'unauthorized', NULL::jsonb, NULL::integer, NULL::uuid, NULL::uuid, NULL::uuid; RETURN; END IF;
        IF v_state.earlier_hash IS NOT NULL THEN
          IF v_state.earlier_hash <> p_request_hash THEN
            RETURN QUERY SELECT 'key_conflict', NULL::jsonb, NULL::integer, v_user, v_org, v_assignment;
          ELSE
            RETURN QUERY SELECT 'replay', v_state.earlier_result, NULL::integer, v_user, v_org, v_assignment;
          END IF;
          RETURN;
        END IF;
        IF v_completed IS NOT NULL THEN RETURN QUERY SELECT 'completed', NULL::jsonb, NULL::integer, v_user, v_org, v_assignment; RETURN; END IF;
        IF v_state.lessons_read < cardinality(p_lesson_ids) THEN
          RETURN QUERY SELECT 'lessons_unread', NULL::jsonb, cardinality(p_lesson_ids) - v_state.lessons_read, v_user, v_org, v_assignment; RETURN;
        END IF;
        IF NOT v_state.draw_matches THEN
          RETURN QUERY SELECT 'mismatch', NULL::jsonb, NULL::integer, v_user, v_org, v_assignment; RETURN;
        END IF;
        IF v_state.today >= p_attempts_per_day THEN
          RETURN QUERY SELECT 'limit', NULL::jsonb, p_attempts_per_day, v_user, v_org, v_assignment; RETURN;
        END IF;

        v_result := (CASE WHEN coalesce(p_lang, v_locale) = 'en' THEN p_result_en ELSE p_result_id END)
                    || jsonb_build_object('attemptsLeftToday', p_attempts_per_day - v_state.today - 1);
        -- The three writes in one statement; the foreign keys are checked at its end, when all are done.
        WITH attempt AS (
          INSERT INTO quiz_attempts (id, organization_id, assignment_id, user_id, module_slug, module_version, answers, score, passed,
                                     result, idempotency_key, request_hash)
          VALUES (p_attempt_id, v_org, v_assignment, v_user, p_module_slug, p_module_version, p_answers, p_score, p_passed,
                  v_result, p_idempotency_key, p_request_hash)
        ), used AS (
          UPDATE quiz_draws SET attempt_id = p_attempt_id WHERE id = p_draw_id
        )
        INSERT INTO audit_entries (organization_id, actor_id, action, target_type, target_id, details)
        VALUES (v_org, v_user, 'learning.attempt_submitted', 'quiz_attempt', p_attempt_id::text,
                jsonb_build_object('module', p_module_slug, 'version', p_module_version, 'score', p_score, 'passed', p_passed));
        RETURN QUERY SELECT 'ok', v_result, v_state.today, v_user, v_org, v_assignment;
      END $$`);
  }
}
