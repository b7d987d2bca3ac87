import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/actor';
import { SetupStatusService } from './setup-status.service';

export class SetupStatusDto {
  @ApiProperty({ description: 'At least one unit that is not archived' }) units: boolean;
  @ApiProperty({ description: 'Settings hold SOP steps and at least one reporting channel' }) settings: boolean;
  @ApiProperty({ description: 'The task force (Satgas) is listed in the settings, or HR designated Satgas members (PUT /api/satgas-members)' }) satgas: boolean;
  @ApiProperty({ description: 'A policy and a commitment declaration are published' }) policy: boolean;
  @ApiProperty({ description: 'Active people other than HR admins exist' }) people: boolean;
  @ApiProperty({ description: 'At least one active assignment rule' }) rules: boolean;
  @ApiProperty({ description: 'People exist and every active one with an email has a password or was sent a link' }) invite: boolean;
  @ApiProperty({ description: 'Active people with an email who were never invited' }) notInvited: number;
  @ApiProperty({ description: 'Every step is done' }) complete: boolean;
}

@ApiTags('HR')
@Controller('organizations/:orgId/setup')
@Roles('hr_admin')
export class SetupStatusController {
  constructor(private readonly setup: SetupStatusService) {}

  @Get()
  @ApiOperation({
    summary: "A new organisation's set-up steps (units → settings and Satgas → policy → people → rules → invite), each done or not",
    description: 'Computed from the data at each call: a step ticks itself once its data exists (and unticks if it goes away).',
  })
  @ApiOkResponse({ type: SetupStatusDto })
  status(@Param('orgId') orgId: string): Promise<SetupStatusDto> {
    return this.setup.status(orgId);
  }
}
