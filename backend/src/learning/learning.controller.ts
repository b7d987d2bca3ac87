import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles, SessionCheckedByRoute, SessionToken } from '../common/actor';
import { LangQueryDto, MyAssignmentDto, ProgressDto, SubmitAttemptDto } from './learning.dto';
import { InteractiveService } from './interactive.service';
import { LearningService } from './learning.service';

@ApiTags('Learning')
@Controller()
@Roles('employee')
export class LearningController {
  constructor(
    private readonly learning: LearningService,
    private readonly interactive: InteractiveService,
  ) {}

  @Get('my/assignments')
  @ApiOperation({ summary: "The caller's current assignment of each module, most urgent first; status computed in SQL" })
  @ApiOkResponse({ type: MyAssignmentDto, isArray: true })
  myAssignments(@CurrentActor() actor: Actor, @Query() query: LangQueryDto) {
    return this.learning.myAssignments(actor, query.lang);
  }

  @Get('my/attempts/:id')
  @ApiOperation({
    summary: "One of the caller's own quiz attempts, to open its result again later: score, passed, correct questions, certificate; another person's or unknown → 404",
  })
  myAttempt(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe({ version: undefined })) id: string, @Query() query: LangQueryDto) {
    return this.learning.myAttempt(actor, id, query.lang);
  }

  @Get('modules')
  @ApiOperation({ summary: 'The training catalogue: every module with its current version' })
  modules(@CurrentActor() actor: Actor, @Query() query: LangQueryDto) {
    return this.learning.listModules(query.lang ?? actor.locale);
  }

  @Get('modules/:slug')
  @ApiOperation({
    summary: 'A module to read: lessons (body is HTML rendered from the Markdown, raw HTML escaped) and the quiz drawn for the current attempt, without answers',
    description:
      '404 for a module the caller is not assigned. `quiz.unlocked` tells whether every lesson is read. ' +
      'Each lesson has `secondsLeft`: the reading time the server still asks for (0 once read; `minSeconds` before it is opened; ' +
      'clocks never overlap, so it restarts when another lesson is read). ' +
      "The quiz is the current attempt's draw: `perAttempt` questions of the module's bank, round-robin over its topics, options in a " +
      'random order under opaque ids that change with every draw (authored ids would tell the authored position). It is made on the ' +
      'first GET and stays the same across reloads until that attempt is submitted; the next GET draws afresh. ' +
      'Each lesson also has `blocks`, the lesson in reading order (content/README.md, "Interactive blocks"): ' +
      '`{ type: "markdown", html }` (rendered as `body`), `{ type: "check", id, multiple, question, options: [{ id, text }], answered }` ' +
      '(no answers: POST progress `checked` returns the feedback), `{ type: "scenario", id, title, start, nodes: [{ id, text, end, choices: ' +
      '[{ text, consequence, next }] }], debrief }` and `{ type: "reflection", id, prompt, text? }` (`text`: the learner\'s own saved answer, ' +
      'shown to nobody else). `pretest`: null when the module has none, else { questions, available, score } (see GET /api/modules/:slug/pretest).',
  })
  module(@CurrentActor() actor: Actor, @Param('slug') slug: string, @Query() query: LangQueryDto) {
    return this.learning.getModule(actor, slug, query.lang);
  }

  @Post('modules/:slug/progress')
  @HttpCode(204)
  @ApiOperation({
    summary: '`opened` starts the lesson clock; `read` sooner than minSeconds after it (server clock) → 409 with secondsLeft; `checked` answers an in-lesson check',
    description:
      "A lesson's clock starts at the later of its own `opened` and the latest `read` of any other lesson of the assignment: opening every lesson at once saves no time. " +
      '`checked` (with `blockId`, a check block of that lesson, and `optionIds`) answers 200 `{ correct, feedback: [{ optionId, correct, feedback }] }` ' +
      'with the feedback of every option in the requested language; it is recorded per assignment and check (latest answer, count), never graded. ' +
      'An unknown lesson, block or option → 400 naming `lessonId`, `blockId` or `optionIds`.',
  })
  @ApiNoContentResponse({ description: '`opened` and `read`' })
  @ApiOkResponse({ description: '`checked`: { correct, feedback: [{ optionId, correct, feedback }] }' })
  async progress(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @Body() body: ProgressDto,
    @Query() query: LangQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (body.event === 'checked') {
      res.status(200);
      return this.interactive.check(actor, slug, body.lessonId, body.blockId, body.optionIds, query.lang);
    }
    await this.learning.recordProgress(actor, slug, body.lessonId, body.event);
  }

  @Post('modules/:slug/attempts')
  @ApiOperation({
    summary: 'Submits the quiz, graded on the server. A pass completes the assignment.',
    description: 'Answers the quiz of the current draw (GET /api/modules/:slug), with its option ids. ' +
      'Before every lesson is read → 409; no current draw (already submitted, or the content changed) → 409; ' +
      'questions not in the draw, unknown option ids or unanswered questions → 400 naming `answers.<questionId>`; over the daily limit → 429. ' +
      'The same Idempotency-Key with the same answers returns the first result without a second attempt; with other answers → 409. ' +
      'Feedback on a multiple-choice question carries `missed` and `wronglyChosen` (counts); ' +
      'which options were right (`correctOptionIds`) only after a pass.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ description: '{ id, score, passed, passMark, feedback: [{ questionId, correct, explanation, missed?, wronglyChosen?, correctOptionIds? }], attemptsLeftToday, certificateSerial? }' })
  // The hot path: the session is checked inside the submission's own statements, not by a separate lookup.
  @SessionCheckedByRoute()
  submit(
    @SessionToken() session: { token: string },
    @Param('slug') slug: string,
    @Body() body: SubmitAttemptDto,
    @Query() query: LangQueryDto,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return this.learning.submitAttempt(session, slug, body.answers, idempotencyKey ?? null, query.lang);
  }
}
