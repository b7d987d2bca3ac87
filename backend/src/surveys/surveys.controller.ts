import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../common/actor';
import { requireOrganization } from '../common/tenancy';
import { LangQueryDto, OpenWaveDto, RespondDto, ResultsQueryDto } from './surveys.dto';
import { SurveysService } from './surveys.service';

const uuid = new ParseUUIDPipe({ version: undefined });

const ANONYMITY =
  'The fact that a person answered (`survey_participation`: wave, person, day) and the answers are written in separate transactions ' +
  'to tables that share no column but the wave: no person id, no common row id, no time finer than the day. Answers wait in a pool ' +
  'with no person link and move to the results in random order once k of the wave are there (and the rest when the wave closes), ' +
  'so results count only moved answers. A response keeps its unit (or the nearest parent unit), leaders/staff and gender only when ' +
  'that group of the audience has at least k members (else `other` / no unit).';

@ApiTags('Surveys')
@Controller()
export class SurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Get('surveys/questionnaires')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'Questionnaires HR can open a wave of (content/surveys/)' })
  questionnaires(@CurrentActor() actor: Actor, @Query() query: LangQueryDto) {
    return this.surveys.questionnaireList(query.lang ?? actor.locale);
  }

  @Post('surveys/waves')
  @Roles('hr_admin')
  @ApiOperation({
    summary: 'Opens a survey wave for an audience and a period (dates in the organisation’s calendar)',
    description: 'A `survey.wave_opened` trail entry. 400 names `questionnaire` (unknown), `audience`, `opensOn` or `closesOn` (not a date, before opensOn, in the past).',
  })
  @ApiCreatedResponse({ description: '{ id, questionnaire, version, title, audience, opensOn, closesOn, open, closed }' })
  open(@CurrentActor() actor: Actor, @Body() body: OpenWaveDto) {
    requireOrganization(actor);
    return this.surveys.openWave(actor, body);
  }

  @Get('organizations/:orgId/survey-waves')
  @Roles('hr_admin', 'auditor')
  @ApiOperation({ summary: 'The organisation’s waves with their numbers of results and participants (HR and engaged auditors)' })
  waves(@CurrentActor() actor: Actor, @Param('orgId') orgId: string, @Query() query: LangQueryDto) {
    return this.surveys.listWaves(orgId, query.lang ?? actor.locale);
  }

  @Get('my/surveys')
  @ApiOperation({
    summary: 'Open waves for the caller (by audience), with their questions, content note and support contacts, and whether the caller already answered',
  })
  mine(@CurrentActor() actor: Actor, @Query() query: LangQueryDto) {
    return this.surveys.mySurveys(actor, query.lang ?? actor.locale);
  }

  @Post('surveys/:waveId/responses')
  @ApiOperation({
    summary: 'Answers a wave once (anonymous)',
    description:
      ANONYMITY +
      ' 400 names the field `answers.<questionId>` (unknown question, missing answer, an option that is not one of the question’s, text too long). ' +
      '404 when the wave is not for the caller; 409 when already answered, or outside the wave’s days. No trail entry: it would tie a person to a time.',
  })
  @ApiCreatedResponse({ description: '{ waveId, answeredOn }' })
  @ApiConflictResponse({ description: 'Already answered, or the wave is not open today' })
  respond(@CurrentActor() actor: Actor, @Param('waveId', uuid) waveId: string, @Body() body: RespondDto) {
    return this.surveys.respond(actor, waveId, body.answers);
  }

  @Get('surveys/:waveId/results.csv')
  @Roles('hr_admin', 'auditor')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'The same results as CSV (same access, same suppression: hidden cells empty, `suppressed` true); a report.exported trail entry',
    description: 'Columns: question, option, group (`all` for the whole wave), count, suppressed. Free-text answers only with group `all`, never per group.',
  })
  async resultsCsv(@CurrentActor() actor: Actor, @Param('waveId', uuid) waveId: string, @Query() query: ResultsQueryDto, @Res({ passthrough: true }) res: Response) {
    const { filename, body } = await this.surveys.resultsCsv(actor, waveId, query.groupBy ?? null, query.lang ?? actor.locale);
    res.set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"` });
    return body;
  }

  @Get('surveys/:waveId/results')
  @Roles('hr_admin', 'auditor')
  @ApiOperation({
    summary: 'Results per question, overall and per group (HR of the organisation, engaged auditors: an auditor.read entry)',
    description:
      ANONYMITY +
      ' A group of fewer than k responses (REPORT_MIN_GROUP_SIZE, at least 5) has `suppressed: true` and null numbers, with complementary ' +
      'suppression through the one suppression of the completion reports (groups add up to the total; units to their parents). Below k ' +
      'responses in all, nothing is shown. Free-text answers appear only for the whole wave, in random order, never per group.',
  })
  results(@CurrentActor() actor: Actor, @Param('waveId', uuid) waveId: string, @Query() query: ResultsQueryDto) {
    return this.surveys.resultsFor(actor, waveId, query.groupBy ?? null, query.lang ?? actor.locale);
  }
}
