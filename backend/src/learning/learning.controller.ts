import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../common/actor';
import { LangQueryDto, MyAssignmentDto, ProgressDto, SubmitAttemptDto } from './learning.dto';
import { LearningService } from './learning.service';

@ApiTags('Learning')
@Controller()
@Roles('employee')
export class LearningController {
  constructor(private readonly learning: LearningService) {}

  @Get('my/assignments')
  @ApiOperation({ summary: "The caller's current assignment of each module, most urgent first; status computed in SQL" })
  @ApiOkResponse({ type: MyAssignmentDto, isArray: true })
  myAssignments(@CurrentActor() actor: Actor, @Query() query: LangQueryDto) {
    return this.learning.myAssignments(actor, query.lang);
  }

  @Get('modules')
  @ApiOperation({ summary: 'The training catalogue: every module with its current version' })
  modules(@CurrentActor() actor: Actor, @Query() query: LangQueryDto) {
    return this.learning.listModules(query.lang ?? actor.locale);
  }

  @Get('modules/:slug')
  @ApiOperation({
    summary: 'A module to read: lessons (body is HTML rendered from the Markdown, raw HTML escaped) and the quiz without answers',
    description: '404 for a module the caller is not assigned. `quiz.unlocked` tells whether every lesson is read.',
  })
  module(@CurrentActor() actor: Actor, @Param('slug') slug: string, @Query() query: LangQueryDto) {
    return this.learning.getModule(actor, slug, query.lang);
  }

  @Post('modules/:slug/progress')
  @HttpCode(204)
  @ApiOperation({ summary: '`opened` starts the lesson clock; `read` sooner than minSeconds after it (server clock) → 409 with secondsLeft' })
  @ApiNoContentResponse()
  async progress(@CurrentActor() actor: Actor, @Param('slug') slug: string, @Body() body: ProgressDto) {
    await this.learning.recordProgress(actor, slug, body.lessonId, body.event);
  }

  @Post('modules/:slug/attempts')
  @ApiOperation({
    summary: 'Submits the quiz, graded on the server. A pass completes the assignment.',
    description: 'Before every lesson is read → 409; unknown ids or unanswered questions → 400; over the daily limit → 429. ' +
      'The same Idempotency-Key with the same answers returns the first result without a second attempt; with other answers → 409.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ description: '{ id, score, passed, passMark, feedback: [{ questionId, correct, explanation, correctOptionIds? }], attemptsLeftToday }' })
  submit(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @Body() body: SubmitAttemptDto,
    @Query() query: LangQueryDto,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return this.learning.submitAttempt(actor, slug, body.answers, idempotencyKey ?? null, query.lang);
  }
}
