import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../common/actor';
import { PasswordLinksService } from './password-links.service';

export class InvitationDto {
  @ApiProperty() userId: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String], description: "The invited person's roles, e.g. ['employee', 'hr_admin'] or ['auditor']" }) roles: string[];
  @ApiProperty({ nullable: true, type: String }) organizationId: string | null;
  @ApiProperty({ nullable: true, type: String }) partnerId: string | null;
  @ApiProperty({ enum: ['id', 'en'] }) locale: 'id' | 'en';
  @ApiProperty({
    enum: ['pending', 'used', 'expired'],
    description: 'used: the person has set a password; pending: the latest link still works; expired: it ran out or a newer link replaced it',
  })
  state: 'pending' | 'used' | 'expired';
  @ApiProperty({ description: 'When the latest invitation link was made' }) sentAt: Date;
  @ApiProperty() expiresAt: Date;
}

/**
 * The people a platform admin invited (organisations' first HR admins, partners' auditors). The
 * platform admin sees whether each invitation was used and can send a new one; never a link.
 */
@ApiTags('Platform')
@Controller('invitations')
@Roles('platform_admin')
export class InvitationsController {
  constructor(private readonly links: PasswordLinksService) {}

  @Get()
  @ApiOperation({ summary: 'Invited HR admins and auditors with the state of their latest invitation (pending / used / expired)' })
  @ApiOkResponse({ type: InvitationDto, isArray: true })
  list() {
    return this.links.listInvitations();
  }

  @Post(':userId/resend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sends a new invitation link (valid 7 days); the previous link stops working. Writes a trail entry' })
  @ApiOkResponse({ type: InvitationDto })
  @ApiNotFoundResponse({ description: 'Nobody with an invitation has this id' })
  @ApiConflictResponse({ description: 'The invitation was already used (the person has a password)' })
  resend(@CurrentActor() actor: Actor, @Param('userId', new ParseUUIDPipe({ version: undefined })) userId: string) {
    return this.links.resendInvitation(actor, userId);
  }
}
