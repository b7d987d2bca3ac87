import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../common/actor';
import { requireOrganization } from '../common/tenancy';
import { InvitePeopleDto, InvitePeopleResultDto } from './people-invitations.dto';
import { PeopleInvitationsService } from './people-invitations.service';

@ApiTags('HR')
@Controller('people/invitations')
@Roles('hr_admin')
export class PeopleInvitationsController {
  constructor(private readonly invitations: PeopleInvitationsService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sends set-password links: { all: true } to everyone not yet invited, or { userIds } to a selection (a resend voids older links)',
    description:
      'Importing or adding people by CSV sends no mail; HR invites when the organisation is ready. ' +
      'Links go through the outbox (HR sees that one was sent, never the link), valid 72 hours, one trail entry `people.invited`. ' +
      'People without an email, with a password already or deactivated are counted, not sent anything.',
  })
  @ApiOkResponse({ type: InvitePeopleResultDto })
  @ApiBadRequestResponse({ description: 'Neither userIds nor all, a malformed id, or an id that is not a person of the organisation (field userIds)' })
  invite(@CurrentActor() actor: Actor, @Body() body: InvitePeopleDto) {
    return this.invitations.invite(actor, requireOrganization(actor), body);
  }
}
