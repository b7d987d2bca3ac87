import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Anonymous climate surveys (issue 14). Who answered (`survey_participation`) and what was answered
 * (`survey_response_pool`, then `survey_responses`) share no column but the wave: no person id, no
 * common row id (response ids are random uuids, never a sequence that would give the order away) and
 * no time finer than the day. Answers wait in the pool until at least k of a wave are there, then move
 * to `survey_responses` together in random order. A wave keeps the questionnaire it was opened with,
 * so results keep their wording when the file changes.
 */
export class Surveys1766700000000 implements MigrationInterface {
  name = 'Surveys1766700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE survey_waves (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        questionnaire_slug text NOT NULL,
        questionnaire_version int NOT NULL,
        questionnaire jsonb NOT NULL,
        audience text NOT NULL CHECK (audience IN ('everyone', 'leaders', 'staff')),
        opens_on date NOT NULL,
        closes_on date NOT NULL,
        final_flush_done boolean NOT NULL DEFAULT false,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (closes_on >= opens_on)
      )`);
    await q.query(`CREATE INDEX survey_waves_org_idx ON survey_waves (organization_id, closes_on)`);
    await q.query(`
      CREATE TABLE survey_participation (
        wave_id uuid NOT NULL REFERENCES survey_waves(id),
        user_id uuid NOT NULL REFERENCES users(id),
        answered_on date NOT NULL,
        PRIMARY KEY (wave_id, user_id)
      )`);
    for (const table of ['survey_response_pool', 'survey_responses']) {
      await q.query(`
        CREATE TABLE ${table} (
          id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
          wave_id uuid NOT NULL REFERENCES survey_waves(id),
          answers jsonb NOT NULL,
          unit_id uuid,
          role text CHECK (role IN ('leaders', 'staff')),
          gender text CHECK (gender IN ('female', 'male', 'not_stated'))
        )`);
      await q.query(`CREATE INDEX ${table}_wave_idx ON ${table} (wave_id)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS survey_responses`);
    await q.query(`DROP TABLE IF EXISTS survey_response_pool`);
    await q.query(`DROP TABLE IF EXISTS survey_participation`);
    await q.query(`DROP TABLE IF EXISTS survey_waves`);
  }
}
