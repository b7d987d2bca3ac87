import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Questionnaire } from './survey-content';

export type Audience = 'everyone' | 'leaders' | 'staff';
export type GroupBy = 'unit' | 'role' | 'gender';

export interface WaveRow {
  id: string;
  organizationId: string;
  questionnaireSlug: string;
  questionnaireVersion: number;
  questionnaire: Questionnaire;
  audience: Audience;
  opensOn: string;
  closesOn: string;
  /** Whether the wave is open today in the organisation's calendar. */
  open: boolean;
  closed: boolean;
}

/** The group attributes a response keeps: each null unless its group has at least k audience members. */
export interface GroupAttributes {
  unitId: string | null;
  role: 'leaders' | 'staff' | null;
  gender: 'female' | 'male' | 'not_stated' | null;
}

const WAVE = `w.id, w.organization_id AS "organizationId", w.questionnaire_slug AS "questionnaireSlug",
  w.questionnaire_version AS "questionnaireVersion", w.questionnaire, w.audience,
  to_char(w.opens_on, 'YYYY-MM-DD') AS "opensOn", to_char(w.closes_on, 'YYYY-MM-DD') AS "closesOn",
  t.today BETWEEN w.opens_on AND w.closes_on AS open, t.today > w.closes_on AS closed`;

/** Members of a wave's audience, as a condition on users `u` ($audience is a parameter). */
const IN_AUDIENCE = (audience: string) => `u.status = 'active' AND (${audience} = 'everyone' OR (${audience} = 'leaders') = u.is_leader)`;

/**
 * SQL of the surveys domain. Participation and responses are written by different methods, each in
 * its own transaction, and no statement here ever reads both a person and an answer.
 */
@Injectable()
export class SurveysRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertWave(
    m: EntityManager,
    w: { organizationId: string; questionnaire: Questionnaire; audience: Audience; opensOn: string; closesOn: string; createdBy: string },
  ): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO survey_waves (organization_id, questionnaire_slug, questionnaire_version, questionnaire, audience, opens_on, closes_on, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [w.organizationId, w.questionnaire.slug, w.questionnaire.version, JSON.stringify(w.questionnaire), w.audience, w.opensOn, w.closesOn, w.createdBy],
    );
    return row.id;
  }

  async today(organizationId: string): Promise<string> {
    const [row] = await this.dataSource.query(`SELECT to_char(org_today($1), 'YYYY-MM-DD') AS today`, [organizationId]);
    return row.today;
  }

  async findWave(id: string): Promise<WaveRow | null> {
    const [row] = await this.dataSource.query(
      `SELECT ${WAVE} FROM survey_waves w CROSS JOIN LATERAL (SELECT org_today(w.organization_id) AS today) t WHERE w.id = $1`,
      [id],
    );
    return row ?? null;
  }

  listWaves(organizationId: string): Promise<(WaveRow & { responses: number; participants: number })[]> {
    return this.dataSource.query(
      `SELECT ${WAVE},
         (SELECT count(*)::int FROM survey_responses r WHERE r.wave_id = w.id) AS responses,
         (SELECT count(*)::int FROM survey_participation p WHERE p.wave_id = w.id) AS participants
       FROM survey_waves w CROSS JOIN (SELECT org_today($1) AS today) t
       WHERE w.organization_id = $1 ORDER BY w.opens_on DESC, w.created_at DESC`,
      [organizationId],
    );
  }

  /** Open waves whose audience includes the person, with whether they already answered. */
  openWavesFor(userId: string, organizationId: string): Promise<(WaveRow & { answered: boolean })[]> {
    return this.dataSource.query(
      `SELECT ${WAVE}, EXISTS (SELECT 1 FROM survey_participation p WHERE p.wave_id = w.id AND p.user_id = $2) AS answered
       FROM survey_waves w CROSS JOIN (SELECT org_today($1) AS today) t
       JOIN users u ON u.id = $2 AND u.organization_id = w.organization_id
       WHERE w.organization_id = $1 AND t.today BETWEEN w.opens_on AND w.closes_on AND ${IN_AUDIENCE('w.audience')}
       ORDER BY w.closes_on, w.id`,
      [organizationId, userId],
    );
  }

  async inAudience(userId: string, wave: { organizationId: string; audience: Audience }): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT 1 FROM users u WHERE u.id = $1 AND u.organization_id = $2 AND ${IN_AUDIENCE('$3')}`, [
      userId,
      wave.organizationId,
      wave.audience,
    ]);
    return Boolean(row);
  }

  /**
   * The groups a response may keep: the person's unit, or its nearest ancestor whose subtree holds at
   * least k members of the audience; leaders/staff and gender when that group of the audience has at
   * least k members. Read before anything is written, outside both write transactions.
   */
  async groupAttributes(userId: string, wave: { organizationId: string; audience: Audience }, k: number, manager?: EntityManager): Promise<GroupAttributes> {
    const [row] = await (manager ?? this.dataSource.manager).query(
      `WITH me AS (SELECT unit_id, is_leader, gender FROM users WHERE id = $1),
            aud AS (SELECT u.unit_id, u.is_leader, u.gender FROM users u WHERE u.organization_id = $2 AND ${IN_AUDIENCE('$3')})
       SELECT
         (SELECT a.id FROM me JOIN units mine ON mine.id = me.unit_id JOIN units a ON a.id = ANY (mine.path)
          WHERE (SELECT count(*) FROM aud JOIN units au ON au.id = aud.unit_id WHERE a.id = ANY (au.path)) >= $4
          ORDER BY cardinality(a.path) DESC LIMIT 1) AS "unitId",
         (SELECT CASE WHEN me.is_leader THEN 'leaders' ELSE 'staff' END FROM me
          WHERE (SELECT count(*) FROM aud WHERE aud.is_leader = me.is_leader) >= $4) AS role,
         (SELECT me.gender FROM me WHERE (SELECT count(*) FROM aud WHERE aud.gender = me.gender) >= $4) AS gender`,
      [userId, wave.organizationId, wave.audience, k],
    );
    return row;
  }

  /** The fact that a person answered, with the day only. False when they already had. */
  async recordParticipation(m: EntityManager, waveId: string, userId: string, organizationId: string): Promise<boolean> {
    const rows = await m.query(
      `INSERT INTO survey_participation (wave_id, user_id, answered_on) VALUES ($1, $2, org_today($3))
       ON CONFLICT (wave_id, user_id) DO NOTHING RETURNING wave_id`,
      [waveId, userId, organizationId],
    );
    return rows.length === 1;
  }

  /** Locks the wave: pooling and flushing of one wave happen one at a time. */
  async lockWave(m: EntityManager, waveId: string): Promise<void> {
    await m.query(`SELECT 1 FROM survey_waves WHERE id = $1 FOR UPDATE`, [waveId]);
  }

  async pool(m: EntityManager, waveId: string, answers: Record<string, string>, groups: GroupAttributes): Promise<void> {
    await m.query(`INSERT INTO survey_response_pool (wave_id, answers, unit_id, role, gender) VALUES ($1, $2, $3, $4, $5)`, [
      waveId,
      JSON.stringify(answers),
      groups.unitId,
      groups.role,
      groups.gender,
    ]);
  }

  async pooled(m: EntityManager, waveId: string): Promise<number> {
    const [row] = await m.query(`SELECT count(*)::int AS n FROM survey_response_pool WHERE wave_id = $1`, [waveId]);
    return row.n;
  }

  /** Moves the whole pool of a wave into the results, in random order, in one statement. */
  async flush(m: EntityManager, waveId: string): Promise<number> {
    const rows = await m.query(
      `WITH moved AS (DELETE FROM survey_response_pool WHERE wave_id = $1 RETURNING answers, unit_id, role, gender)
       INSERT INTO survey_responses (wave_id, answers, unit_id, role, gender)
       SELECT $1, answers, unit_id, role, gender FROM moved ORDER BY random() RETURNING 1`,
      [waveId],
    );
    return rows.length;
  }

  /** Waves of the organisation past their closing day whose pool has not been emptied yet, locked. */
  async closedWavesToFlush(m: EntityManager, organizationId: string): Promise<string[]> {
    const rows = await m.query(
      `SELECT id FROM survey_waves WHERE organization_id = $1 AND NOT final_flush_done AND closes_on < (SELECT org_today($1))
       ORDER BY id FOR UPDATE SKIP LOCKED`,
      [organizationId],
    );
    return rows.map((r: { id: string }) => r.id);
  }

  async markFinalFlush(m: EntityManager, waveId: string): Promise<void> {
    await m.query(`UPDATE survey_waves SET final_flush_done = true WHERE id = $1`, [waveId]);
  }

  async countResponses(waveId: string): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM survey_responses WHERE wave_id = $1`, [waveId]);
    return row.n;
  }

  /**
   * Responses and option counts per group, aggregated in SQL. Flat dimensions group by the stored
   * attribute (null: not kept); units count each response in its unit and every ancestor.
   */
  async groupCounts(waveId: string, groupBy: GroupBy | null): Promise<{ group: string | null; responses: number }[]> {
    if (groupBy === 'unit') {
      return this.dataSource.query(
        `SELECT a.id AS "group", count(*)::int AS responses
         FROM survey_responses r JOIN units ru ON ru.id = r.unit_id JOIN units a ON a.id = ANY (ru.path)
         WHERE r.wave_id = $1 GROUP BY a.id`,
        [waveId],
      );
    }
    const column = groupBy ?? 'NULL';
    return this.dataSource.query(`SELECT ${column} AS "group", count(*)::int AS responses FROM survey_responses r WHERE r.wave_id = $1 GROUP BY 1`, [waveId]);
  }

  /** Counts of each chosen option per question and group (free-text questions excluded by the caller's list). */
  optionCounts(waveId: string, groupBy: GroupBy | null, closedQuestions: string[]): Promise<{ group: string | null; question: string; option: string; n: number }[]> {
    const from =
      groupBy === 'unit'
        ? `survey_responses r JOIN units ru ON ru.id = r.unit_id JOIN units a ON a.id = ANY (ru.path)`
        : `survey_responses r`;
    const group = groupBy === 'unit' ? 'a.id' : (groupBy ?? 'NULL');
    return this.dataSource.query(
      `SELECT ${group} AS "group", q.key AS question, q.value #>> '{}' AS option, count(*)::int AS n
       FROM ${from} CROSS JOIN LATERAL jsonb_each(r.answers) q
       WHERE r.wave_id = $1 AND q.key = ANY ($2::text[])
       GROUP BY 1, 2, 3`,
      [waveId, closedQuestions],
    );
  }

  /** Free-text answers of the whole wave, in random order (never per group). */
  async freeTexts(waveId: string, questionId: string): Promise<string[]> {
    const rows = await this.dataSource.query(
      `SELECT r.answers ->> $2 AS text FROM survey_responses r WHERE r.wave_id = $1 AND r.answers ? $2 ORDER BY random()`,
      [waveId, questionId],
    );
    return rows.map((r: { text: string }) => r.text);
  }

  /** The units (id, parent, name) of the organisation, for the unit breakdown's tree. */
  units(organizationId: string): Promise<{ id: string; parentId: string | null; name: string }[]> {
    return this.dataSource.query(`SELECT id, parent_id AS "parentId", name FROM units WHERE organization_id = $1`, [organizationId]);
  }

  /** The latest wave of the organisation with any responses, for the survey indicators. */
  async latestWaveWithResponses(organizationId: string, onOrBefore?: string): Promise<string | null> {
    const [row] = await this.dataSource.query(
      `SELECT w.id FROM survey_waves w WHERE w.organization_id = $1 AND ($2::date IS NULL OR w.opens_on <= $2::date)
         AND EXISTS (SELECT 1 FROM survey_responses r WHERE r.wave_id = w.id)
       ORDER BY w.closes_on DESC, w.opens_on DESC, w.id LIMIT 1`,
      [organizationId, onOrBefore ?? null],
    );
    return row?.id ?? null;
  }

  /** Respondents of a wave who answered a question, and those who chose one of `options`. */
  async share(waveId: string, questionId: string, options: string[]): Promise<{ answered: number; chosen: number }> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS answered, count(*) FILTER (WHERE r.answers ->> $2 = ANY ($3::text[]))::int AS chosen
       FROM survey_responses r WHERE r.wave_id = $1 AND r.answers ? $2`,
      [waveId, questionId, options],
    );
    return row;
  }
}
