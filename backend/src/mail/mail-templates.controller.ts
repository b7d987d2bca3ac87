import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../common/actor';
import {
  MailPreviewDto,
  MailTemplateDto,
  MailTemplateInputDto,
} from './mail-templates.dto';
import { MailTemplatesService } from './mail-templates.service';

@ApiTags('HR')
@Controller('organizations/:orgId/mail-templates')
@Roles('hr_admin')
export class MailTemplatesController {
  constructor(private readonly templates: MailTemplatesService) {}

  @Get()
  @ApiOperation({
    summary:
      "The organisation's mail wording: reminder, overdue, escalation and invitation, each in id and en — its own or the default (isDefault)",
  })
  @ApiOkResponse({ type: MailTemplateDto, isArray: true })
  list(@Param('orgId') orgId: string): Promise<MailTemplateDto[]> {
    return this.templates.list(orgId);
  }

  @Put(':kind/:lang')
  @ApiOperation({
    summary:
      "Saves the organisation's own wording of one kind in one language; writes an audit-trail entry",
    description:
      'Plain text. The body must hold one line with only {{link}}, where Aman puts the link; unknown placeholders, HTML, web addresses, a subject on several lines → 400 naming `subject` or `body`.',
  })
  @ApiOkResponse({ type: MailTemplateDto })
  @ApiBadRequestResponse({
    description: 'Names `kind`, `lang`, `subject` or `body` and what is wrong',
  })
  save(
    @CurrentActor() actor: Actor,
    @Param('orgId') orgId: string,
    @Param('kind') kind: string,
    @Param('lang') lang: string,
    @Body() body: MailTemplateInputDto,
  ): Promise<MailTemplateDto> {
    return this.templates.save(actor, orgId, kind, lang, body);
  }

  @Delete(':kind/:lang')
  @ApiOperation({
    summary:
      "Back to Aman's default wording; answers the default. Writes an audit-trail entry when there was a wording of its own",
  })
  @ApiOkResponse({ type: MailTemplateDto })
  reset(
    @CurrentActor() actor: Actor,
    @Param('orgId') orgId: string,
    @Param('kind') kind: string,
    @Param('lang') lang: string,
  ): Promise<MailTemplateDto> {
    return this.templates.reset(actor, orgId, kind, lang);
  }

  @Post(':kind/:lang/preview')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Renders a draft with sample facts as it would be sent to a person reading that language: subject, text (both languages) and HTML. Saves nothing',
  })
  @ApiOkResponse({ type: MailPreviewDto })
  @ApiBadRequestResponse({ description: 'As for saving' })
  preview(
    @Param('orgId') orgId: string,
    @Param('kind') kind: string,
    @Param('lang') lang: string,
    @Body() body: MailTemplateInputDto,
  ): Promise<MailPreviewDto> {
    return this.templates.preview(orgId, kind, lang, body);
  }
}
