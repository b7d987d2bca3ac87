import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../common/actor';
import { requireOrganization } from '../common/tenancy';
import { CreateOrganizationDto, OrganizationDto, OrganizationSettingsDto, UnitDto } from './organizations.dto';
import { OrganizationsService } from './organizations.service';

@ApiTags('Organizations')
@Controller()
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post('organizations')
  @Roles('platform_admin')
  @ApiOperation({ summary: 'Onboards an organisation with its first HR admin; a code in use → 409' })
  @ApiCreatedResponse({ description: '{ id, name, code }' })
  onboard(@CurrentActor() actor: Actor, @Body() body: CreateOrganizationDto) {
    return this.organizations.onboard(actor, body);
  }

  @Get('organizations')
  @ApiOperation({ summary: 'All organisations (platform admin), those engaged today (auditor), or one’s own' })
  @ApiOkResponse({ type: OrganizationDto, isArray: true })
  list(@CurrentActor() actor: Actor) {
    return this.organizations.list(actor);
  }

  @Get('organizations/:orgId')
  @ApiOperation({ summary: 'One organisation: its own people, or an auditor with an engagement active today' })
  @ApiOkResponse({ type: OrganizationDto })
  get(@Param('orgId') orgId: string) {
    return this.organizations.get(orgId);
  }

  @Get('units')
  @ApiOperation({ summary: "The caller's organisation's unit tree, parents before children" })
  @ApiOkResponse({ type: UnitDto, isArray: true })
  units(@CurrentActor() actor: Actor) {
    return this.organizations.getUnits(requireOrganization(actor));
  }

  @Get('organizations/:orgId/settings')
  @Roles('hr_admin', 'auditor')
  @ApiOperation({ summary: 'Time zone, SOP steps, task force and reporting channels: the facts lessons are filled in with' })
  @ApiOkResponse({ type: OrganizationSettingsDto })
  settings(@Param('orgId') orgId: string) {
    return this.organizations.getSettings(orgId);
  }

  @Put('organizations/:orgId/settings')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'Replaces the organisation settings (HR); writes an audit-trail entry' })
  @ApiOkResponse({ type: OrganizationSettingsDto })
  updateSettings(@CurrentActor() actor: Actor, @Param('orgId') orgId: string, @Body() body: OrganizationSettingsDto) {
    return this.organizations.updateSettings(actor, orgId, body);
  }
}
