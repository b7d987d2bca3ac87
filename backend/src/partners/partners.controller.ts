import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
