import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../common/actor';
import { TeamDto, TeamQueryDto, TeamReminderDto } from './team.dto';
import { TeamService } from './team.service';

@ApiTags('Learning')
@Controller('my/team')
@Roles('employee')
export class TeamController {
  constructor(private readonly team: TeamService) {}

  @Get()
  @ApiOperation({
    summary: "A leader's team: the people of their own unit and its sub-units (the leader excluded), each with their current assignments",
    description:
      'Anyone who is not a leader → 403. Status is computed in SQL on the organisation\'s today (assignment_status). ' +
      '`module`, `status` and `unitId` filter on the server: with `module` or `status`, only matching assignments are listed and people with none are left out. ' +
      'Paged by name (`page`, `pageSize` up to 500, default 200); `total` counts every matching person. `remindedToday` says whether the caller already reminded the person today.',
  })
  @ApiOkResponse({ type: TeamDto })
  list(@CurrentActor() actor: Actor, @Query() query: TeamQueryDto): Promise<TeamDto> {
    return this.team.team(actor, query);
  }

  @Post(':userId/reminders')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Sends one person of the team a reminder of every module they still have open, through the outbox, in their language',
    description:
      'Not a leader → 403; not in the team → 404; no email address or nothing open → 409; ' +
      "already reminded by this leader on the organisation's today → 429 (one reminder per person, sender and day).",
  })
  @ApiAcceptedResponse({ type: TeamReminderDto })
  @ApiTooManyRequestsResponse({ description: 'Already reminded today by this sender' })
  remind(@CurrentActor() actor: Actor, @Param('userId', new ParseUUIDPipe({ version: undefined })) userId: string): Promise<TeamReminderDto> {
    return this.team.remind(actor, userId);
  }
}
