import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import type { Actor } from '../common/actor';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { formatProblems } from '../catalog/content-loader';
import { csvLine } from '../common/csv';
import { ReportingService } from '../reporting/reporting.service';
import { suppressPartition, suppressUnitTree } from '../reporting/suppression';
import { AccessService } from '../tenancy/access.service';
import { AGREE, type Lang, loadSurveys, localizeQuestion, type Questionnaire, type SurveyIndicator } from './survey-content';
import { type Audience, type GroupBy, SurveysRepository, type WaveRow } from './surveys.repository';

export interface PublishedCount {
  group: string;
  groupId?: string;
  parentId?: string | null;
  responses: number | null;
  suppressed: boolean;
}

export interface SurveyResults {
  waveId: string;
  questionnaire: string;
  version: number;
  title: string;
  audience: Audience;
  opensOn: string;
  closesOn: string;
  closed: boolean;
  k: number;
  responses: number | null;
  suppressed: boolean;
  groupBy: GroupBy | null;
  groups: PublishedCount[];
  questions: {
    id: string;
    type: string;
    text: string;
    options: { id: string; text: string }[];
    overall: { counts: Record<string, number> | null; suppressed: boolean };
    groups: { group: string; groupId?: string; counts: Record<string, number> | null; suppressed: boolean }[];
  }[];
  freeText: { questionId: string; text: string; answers: string[] | null; suppressed: boolean }[];
}

/** The groups of each flat breakdown, all listed, so that the rows add up to the total. `other`: attribute not kept. */
const FLAT_GROUPS: Record<'role' | 'gender', string[]> = {
  role: ['leaders', 'staff', 'other'],
  gender: ['female', 'male', 'not_stated', 'other'],
};

function badRequest(field: string, message: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, message, fields: [{ field, message }] });
}

/**
 * Anonymous climate surveys. A response is written in two transactions that share nothing but the
 * wave: first the fact that the person answered (with the day), then the answers into a pool without
 * any person link. The pool moves into the results in random order once it holds k answers of the
 * wave, and whatever is left when the wave closes. Every published number goes through
 * reporting/suppression.ts.
 */
@Injectable()
export class SurveysService implements OnModuleInit {
  private questionnaires = new Map<string, Questionnaire>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly surveys: SurveysRepository,
    private readonly reporting: ReportingService,
    private readonly access: AccessService,
    private readonly auditTrail: AuditTrailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const { surveys, problems } = loadSurveys(this.config.contentDir);
    // An invalid questionnaire is refused at start, as modules are: content:check names file and line.
    if (problems.length) throw new Error(`invalid survey content:\n${formatProblems(problems)}`);
    this.questionnaires = new Map(surveys.map((s) => [s.slug, s]));
  }

  get k(): number {
    return this.reporting.minGroupSize;
  }

  questionnaireList(lang: Lang) {
    return [...this.questionnaires.values()].map((q) => ({ slug: q.slug, version: q.version, title: q.title[lang], questions: q.questions.length }));
  }

  async openWave(actor: Actor, dto: { questionnaire: string; audience: Audience; opensOn: string; closesOn: string }) {
    const organizationId = actor.organizationId!;
    const questionnaire = this.questionnaires.get(dto.questionnaire);
    if (!questionnaire) throw badRequest('questionnaire', `questionnaire must be one of: ${[...this.questionnaires.keys()].join(', ')}`);
    if (dto.closesOn < dto.opensOn) throw badRequest('closesOn', 'closesOn must not be before opensOn');
    if (dto.closesOn < (await this.surveys.today(organizationId))) throw badRequest('closesOn', 'closesOn must not be in the past');
    const id = await this.dataSource.transaction(async (m) => {
      const waveId = await this.surveys.insertWave(m, { organizationId, questionnaire, audience: dto.audience, opensOn: dto.opensOn, closesOn: dto.closesOn, createdBy: actor.userId });
      await this.auditTrail.append(m, {
        organizationId,
        actorId: actor.userId,
        action: 'survey.wave_opened',
        targetType: 'survey_wave',
        targetId: waveId,
        details: { questionnaire: questionnaire.slug, version: questionnaire.version, audience: dto.audience, opensOn: dto.opensOn, closesOn: dto.closesOn },
      });
      return waveId;
    });
    return this.waveDto((await this.surveys.findWave(id))!, actor.locale);
  }

  async listWaves(organizationId: string, lang: Lang) {
    await this.flushClosed(organizationId);
    return (await this.surveys.listWaves(organizationId)).map((w) => ({ ...this.waveDto(w, lang), responses: w.responses, participants: w.participants }));
  }

  /** Open waves for the caller, each with its questions in the caller's language. */
  async mySurveys(actor: Actor, lang: Lang) {
    if (!actor.organizationId) return [];
    const waves = await this.surveys.openWavesFor(actor.userId, actor.organizationId);
    return waves.map((w) => ({
      ...this.waveDto(w, lang),
      answered: w.answered,
      intro: w.questionnaire.intro[lang],
      contentNote: w.questionnaire.contentNote[lang],
      support: w.questionnaire.support[lang],
      questions: w.questionnaire.questions.map((q) => localizeQuestion(q, lang)),
    }));
  }

  async respond(actor: Actor, waveId: string, answers: unknown): Promise<{ waveId: string; answeredOn: string }> {
    const wave = await this.surveys.findWave(waveId);
    if (!wave || wave.organizationId !== actor.organizationId || !(await this.surveys.inAudience(actor.userId, wave))) throw new NotFoundException('Survey not found');
    if (!wave.open) throw new ConflictException(wave.closed ? 'This survey is closed' : `This survey opens on ${wave.opensOn}`);
    const clean = this.validateAnswers(wave.questionnaire, answers);
    // Read before either write, so neither transaction touches both the person and the answers.
    const groups = await this.surveys.groupAttributes(actor.userId, wave, this.k);
    const first = await this.dataSource.transaction((m) => this.surveys.recordParticipation(m, waveId, actor.userId, wave.organizationId));
    if (!first) throw new ConflictException('You have already answered this survey');
    await this.dataSource.transaction(async (m) => {
      await this.surveys.lockWave(m, waveId);
      await this.surveys.pool(m, waveId, clean, groups);
      if ((await this.surveys.pooled(m, waveId)) >= this.k) await this.surveys.flush(m, waveId);
    });
    return { waveId, answeredOn: await this.surveys.today(wave.organizationId) };
  }

  /** A questionnaire as loaded from content/surveys (for the demo seeder). */
  questionnaire(slug: string): Questionnaire | undefined {
    return this.questionnaires.get(slug);
  }

  /** The group attributes a response of this person would keep, read inside the caller's transaction (demo seeding). */
  groupAttributesIn(m: EntityManager, userId: string, wave: { organizationId: string; audience: Audience }) {
    return this.surveys.groupAttributes(userId, wave, this.k, m);
  }

  /** Empties the pools of the organisation's waves past their closing day (each once). */
  async flushClosed(organizationId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      for (const id of await this.surveys.closedWavesToFlush(m, organizationId)) {
        await this.surveys.flush(m, id);
        await this.surveys.markFinalFlush(m, id);
      }
    });
  }

  /** HR of the wave's organisation or an auditor engaged with it today (logged); anyone else: 404. */
  async resultsFor(actor: Actor, waveId: string, groupBy: GroupBy | null, lang: Lang): Promise<SurveyResults> {
    const wave = await this.surveys.findWave(waveId);
    if (!wave) throw new NotFoundException('Survey not found');
    await this.access.requireAccess(
      actor,
      { organizationId: wave.organizationId, members: 'hr_admin', scope: 'aggregate', target: { type: 'survey_wave', id: waveId, details: { groupBy } } },
      'Survey not found',
    );
    return this.results(wave, groupBy, lang);
  }

  /**
   * The same results as CSV: one line per question, option and group (the whole wave first), hidden
   * cells empty with `suppressed` true; free-text answers for the whole wave only. Logged in the trail.
   */
  async resultsCsv(actor: Actor, waveId: string, groupBy: GroupBy | null, lang: Lang): Promise<{ filename: string; body: string }> {
    const r = await this.resultsFor(actor, waveId, groupBy, lang);
    // Through the one CSV writer: unit names and free text are people's text (formula injection).
    const lines = [csvLine(['question', 'option', 'group', 'count', 'suppressed'])];
    for (const q of r.questions) {
      for (const o of q.options) {
        lines.push(csvLine([q.text, o.text, 'all', q.overall.counts?.[o.id], q.overall.suppressed]));
        for (const g of q.groups) lines.push(csvLine([q.text, o.text, g.group, g.counts?.[o.id], g.suppressed]));
      }
    }
    for (const f of r.freeText) {
      if (f.suppressed) lines.push(csvLine([f.text, '', 'all', '', true]));
      for (const answer of f.answers ?? []) lines.push(csvLine([f.text, answer, 'all', '', false]));
    }
    const wave = (await this.surveys.findWave(waveId))!;
    await this.dataSource.transaction((m) =>
      this.auditTrail.append(m, {
        organizationId: wave.organizationId,
        actorId: actor.userId,
        action: 'report.exported',
        targetType: 'report',
        targetId: 'survey-results',
        details: { format: 'csv', waveId, groupBy },
      }),
    );
    return { filename: `aman-survey-${r.questionnaire}-${r.opensOn}${groupBy ? `-by-${groupBy}` : ''}.csv`, body: lines.join('\n') + '\n' };
  }

  async waveOrganization(waveId: string): Promise<string | null> {
    return (await this.surveys.findWave(waveId))?.organizationId ?? null;
  }

  /** The latest wave with results of the organisation, for the audit report (the report's reader is already authorised). */
  async latestResults(organizationId: string, groupBy: GroupBy | null, lang: Lang): Promise<SurveyResults | null> {
    await this.flushClosed(organizationId);
    const waveId = await this.surveys.latestWaveWithResponses(organizationId);
    return waveId ? this.results((await this.surveys.findWave(waveId))!, groupBy, lang) : null;
  }

  private async results(wave: WaveRow, groupBy: GroupBy | null, lang: Lang): Promise<SurveyResults> {
    await this.flushClosed(wave.organizationId);
    const k = this.k;
    const q = wave.questionnaire;
    const closedQuestions = q.questions.filter((x) => x.type !== 'free_text');
    const [total, groupRows, overallCounts, groupCounts] = await Promise.all([
      this.surveys.countResponses(wave.id),
      groupBy ? this.surveys.groupCounts(wave.id, groupBy) : Promise.resolve([]),
      this.surveys.optionCounts(wave.id, null, closedQuestions.map((x) => x.id)),
      groupBy ? this.surveys.optionCounts(wave.id, groupBy, closedQuestions.map((x) => x.id)) : Promise.resolve([]),
    ]);
    const totalShown = total >= k;
    const groups = groupBy ? await this.publishedGroups(wave, groupBy, groupRows, total, lang) : [];
    const countsOf = (rows: { group: string | null; question: string; option: string; n: number }[], group: string | null, question: string, options: string[]) => {
      const counts: Record<string, number> = Object.fromEntries(options.map((o) => [o, 0]));
      for (const r of rows) if (r.group === group && r.question === question && r.option in counts) counts[r.option] = r.n;
      return counts;
    };
    const keyOf = (g: PublishedCount) => (groupBy === 'unit' ? (g.groupId ?? null) : g.group === 'other' ? null : g.group);
    return {
      waveId: wave.id,
      questionnaire: q.slug,
      version: q.version,
      title: q.title[lang],
      audience: wave.audience,
      opensOn: wave.opensOn,
      closesOn: wave.closesOn,
      closed: wave.closed,
      k,
      responses: totalShown ? total : null,
      suppressed: !totalShown,
      groupBy,
      groups,
      questions: closedQuestions.map((question) => {
        const options = question.options.map((o) => o.id);
        return {
          id: question.id,
          type: question.type,
          text: question.text[lang],
          options: question.options.map((o) => ({ id: o.id, text: o.text[lang] })),
          overall: totalShown ? { counts: countsOf(overallCounts, null, question.id, options), suppressed: false } : { counts: null, suppressed: true },
          groups: groups.map((g) => ({
            group: g.group,
            ...(g.groupId ? { groupId: g.groupId } : {}),
            counts: g.suppressed ? null : countsOf(groupCounts, keyOf(g), question.id, options),
            suppressed: g.suppressed,
          })),
        };
      }),
      // Never per group: a sentence can name its writer's unit or role on its own.
      freeText: await Promise.all(
        q.questions
          .filter((x) => x.type === 'free_text')
          .map(async (x) => ({
            questionId: x.id,
            text: x.text[lang],
            answers: totalShown ? await this.surveys.freeTexts(wave.id, x.id) : null,
            suppressed: !totalShown,
          })),
      ),
    };
  }

  /** Group sizes (responses) through the one suppression: partitions for role and gender, the tree for units. */
  private async publishedGroups(wave: WaveRow, groupBy: GroupBy, rows: { group: string | null; responses: number }[], total: number, lang: Lang): Promise<PublishedCount[]> {
    if (groupBy === 'unit') {
      const units = await this.surveys.units(wave.organizationId);
      const size = new Map(rows.map((r) => [r.group as string, r.responses]));
      const present = units.filter((u) => size.has(u.id));
      const hidden = suppressUnitTree(present.map((u) => ({ id: u.id, parentId: u.parentId, size: size.get(u.id)! })), total, this.k);
      return present
        .sort((a, b) => a.name.localeCompare(b.name, lang) || (a.id < b.id ? -1 : 1))
        .map((u) => ({ group: u.name, groupId: u.id, parentId: u.parentId, responses: hidden.has(u.id) ? null : size.get(u.id)!, suppressed: hidden.has(u.id) }));
    }
    const groups = FLAT_GROUPS[groupBy].map((g) => ({ id: g, size: rows.find((r) => (r.group ?? 'other') === g)?.responses ?? 0 }));
    const { hidden } = suppressPartition(groups, total, this.k);
    return groups.map((g) => ({ group: g.id, responses: hidden.has(g.id) ? null : g.size, suppressed: hidden.has(g.id) }));
  }

  /**
   * The share of respondents who agree with the question that measures `indicator`, in the latest
   * wave with responses (on or before `onOrBefore`); null when fewer than k answered it (then `suppressed`, unless nobody did).
   */
  async indicatorShare(
    organizationId: string,
    indicator: SurveyIndicator,
    onOrBefore?: string,
  ): Promise<{ value: number | null; waveId: string | null; respondents: number | null; suppressed: boolean }> {
    await this.flushClosed(organizationId);
    const waveId = await this.surveys.latestWaveWithResponses(organizationId, onOrBefore);
    if (!waveId) return { value: null, waveId: null, respondents: null, suppressed: false };
    const wave = (await this.surveys.findWave(waveId))!;
    const question = wave.questionnaire.questions.find((x) => x.indicator === indicator);
    if (!question) return { value: null, waveId, respondents: null, suppressed: false };
    const { answered, chosen } = await this.surveys.share(waveId, question.id, [...AGREE]);
    if (answered < this.k) return { value: null, waveId, respondents: null, suppressed: answered > 0 };
    return { value: chosen / answered, waveId, respondents: answered, suppressed: false };
  }

  private validateAnswers(q: Questionnaire, answers: unknown): Record<string, string> {
    if (!answers || typeof answers !== 'object' || Array.isArray(answers)) throw badRequest('answers', 'answers must be an object of question id → answer');
    const given = answers as Record<string, unknown>;
    const known = new Set(q.questions.map((x) => x.id));
    for (const key of Object.keys(given)) if (!known.has(key)) throw badRequest(`answers.${key}`, `${key} is not a question of this survey`);
    const clean: Record<string, string> = {};
    for (const question of q.questions) {
      const field = `answers.${question.id}`;
      const value = given[question.id];
      if (value === undefined || value === null || (question.type === 'free_text' && typeof value === 'string' && value.trim() === '')) {
        if (!question.optional) throw badRequest(field, `${question.id} needs an answer`);
        continue;
      }
      if (typeof value !== 'string') throw badRequest(field, `${question.id} must be a string`);
      if (question.type === 'free_text') {
        const text = value.trim();
        if (text.length > (question.maxLength ?? 1000)) throw badRequest(field, `${question.id} must be at most ${question.maxLength} characters`);
        clean[question.id] = text;
      } else {
        if (!question.options.some((o) => o.id === value)) throw badRequest(field, `${question.id} must be one of: ${question.options.map((o) => o.id).join(', ')}`);
        clean[question.id] = value;
      }
    }
    return clean;
  }

  private waveDto(w: WaveRow, lang: Lang) {
    return {
      id: w.id,
      questionnaire: w.questionnaireSlug,
      version: w.questionnaireVersion,
      title: w.questionnaire.title[lang],
      audience: w.audience,
      opensOn: w.opensOn,
      closesOn: w.closesOn,
      open: w.open,
      closed: w.closed,
    };
  }
}
