import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../common/actor';
import { CreateAuditorDto, CreateEngagementDto, CreatePartnerDto, EngagementDto, PartnerDto } from './partners.dto';
import { PartnersService } from './partners.service';

@ApiTags('Partners')
@Controller()
export class PartnersController {
  constructor(private readonly partners: PartnersService) {}

  @Get('partners')
  @Roles('platform_admin')
  @ApiOkResponse({ type: PartnerDto, isArray: true })
  list() {
    return this.partners.list();
  }

  @Post('partners')
  @Roles('platform_admin')
  create(@CurrentActor() actor: Actor, @Body() body: CreatePartnerDto) {
    return this.partners.create(actor, body.name);
  }

  @Post('partners/:partnerId/auditors')
  @Roles('platform_admin')
  @ApiOperation({ summary: "Adds an auditor to a partner; a one-time set-password link goes through the outbox" })
  addAuditor(
    @CurrentActor() actor: Actor,
    @Param('partnerId', new ParseUUIDPipe({ version: undefined })) partnerId: string,
    @Body() body: CreateAuditorDto,
  ) {
    return this.partners.addAuditor(actor, partnerId, body);
  }

  @Post('engagements')
  @Roles('platform_admin')
  @ApiOperation({ summary: 'Grants a partner read access to one organisation for a period (aggregate or named)' })
  @ApiOkResponse({ type: EngagementDto })
  createEngagement(@CurrentActor() actor: Actor, @Body() body: CreateEngagementDto) {
    return this.partners.createEngagement(actor, body);
  }

  @Post('engagements/:id/end')
  @HttpCode(200)
  @Roles('platform_admin')
  @ApiOperation({
    summary: "Ends an engagement now: its auditors lose access at once; the agreed period is kept and endedAt is set. Trail entry engagement.ended in the organisation's chain",
  })
  @ApiOkResponse({ type: EngagementDto })
  @ApiNotFoundResponse({ description: 'No engagement with this id' })
  @ApiConflictResponse({ description: 'It already ended (early or its period is over)' })
  endEngagement(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe({ version: undefined })) id: string) {
    return this.partners.endEngagement(actor, id);
  }

  @Get('engagements')
  @Roles('hr_admin', 'auditor', 'platform_admin')
  @ApiOperation({
    summary: "Engagements visible to the caller: an auditor's partner's, HR's organisation's (read-only), or all (platform admin)",
    description: 'Staff and leaders (employees without hr_admin) → 403.',
  })
  @ApiForbiddenResponse({ description: 'The caller is neither HR of an organisation, an auditor nor a platform admin' })
  @ApiOkResponse({ type: EngagementDto, isArray: true })
  listEngagements(@CurrentActor() actor: Actor) {
    return this.partners.listEngagements(actor);
  }
}
