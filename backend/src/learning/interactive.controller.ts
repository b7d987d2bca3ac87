import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../common/actor';
import { InteractiveService } from './interactive.service';
import { LangQueryDto, PretestDto, ReflectionDto } from './learning.dto';

/** The learner's own reflections and the pre-test (issue 13); the `checked` progress event is in LearningController. */
@ApiTags('Learning')
@Controller()
@Roles('employee')
export class InteractiveController {
  constructor(private readonly interactive: InteractiveService) {}

  @Put('modules/:slug/reflections/:blockId')
  @HttpCode(204)
  @ApiOperation({
    summary: "Saves the learner's answer to the module's reflection prompt (at most 4000 characters; an empty text removes it)",
    description:
      'Readable only by the learner, in `GET /api/modules/:slug` (the reflection block\'s `text`). No HR, auditor, export or report ' +
      'route reads reflections; the text is sealed at rest with the installation key (AES-256-GCM). ' +
      '404 for a module not assigned or a block that is not a reflection of it; 400 naming `text` when too long.',
  })
  @ApiNoContentResponse()
  async reflection(@CurrentActor() actor: Actor, @Param('slug') slug: string, @Param('blockId') blockId: string, @Body() body: ReflectionDto) {
    await this.interactive.saveReflection(actor, slug, blockId, body.text);
  }

  @Get('modules/:slug/pretest')
  @ApiOperation({
    summary: "The module's pre-test: its questions without answers, and whether the learner can still take it",
    description:
      '`available` is false once taken, once the quiz has been attempted or the module completed (`score` then holds the pre-test score, ' +
      'or null). 404 when the module has no pre-test or is not assigned.',
  })
  @ApiOkResponse({ description: '{ available, score, takenAt, questions: [{ id, text, multiple, options: [{ id, text }] }] }' })
  pretest(@CurrentActor() actor: Actor, @Param('slug') slug: string, @Query() query: LangQueryDto) {
    return this.interactive.pretest(actor, slug, query.lang);
  }

  @Post('modules/:slug/pretest')
  @ApiOperation({
    summary: 'Submits the pre-test: once per assignment, before any quiz attempt; not graded for completion',
    description:
      'Every question answered with its option ids (else 400 naming `answers.<questionId>`). Taken already, quiz attempted or module ' +
      'completed → 409. The score (0–100, a question counts when exactly its correct options are chosen) feeds the knowledge-gain figures.',
  })
  @ApiCreatedResponse({ description: '{ score }' })
  submitPretest(@CurrentActor() actor: Actor, @Param('slug') slug: string, @Body() body: PretestDto) {
    return this.interactive.submitPretest(actor, slug, body.answers);
  }
}
