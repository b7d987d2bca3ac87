import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, Equals, IsArray, IsOptional, IsUUID, ValidateIf } from 'class-validator';

/** The most people one selection may name; "everyone not yet invited" has no limit. */
export const INVITE_SELECTION_MAX = 1000;

export class InvitePeopleDto {
  @ApiPropertyOptional({
    type: [String],
    description: `The people to invite (at most ${INVITE_SELECTION_MAX}); someone invited before gets a new link and the older one stops working. Give this or all`,
  })
  @ValidateIf((o: InvitePeopleDto) => o.all === undefined || o.userIds !== undefined)
  @IsArray({ message: 'userIds must be a list of person ids (or send all: true)' })
  @ArrayMinSize(1, { message: 'userIds must name at least one person' })
  @ArrayMaxSize(INVITE_SELECTION_MAX, { message: `userIds may name at most ${INVITE_SELECTION_MAX} people` })
  @ArrayUnique({ message: 'userIds must not repeat a person' })
  @IsUUID('all', { each: true, message: 'userIds must contain person ids (UUIDs)' })
  userIds?: string[];

  @ApiPropertyOptional({ enum: [true], description: 'Everyone active with an email who was never invited and has no password yet' })
  @IsOptional()
  @ValidateIf((o: InvitePeopleDto) => o.userIds === undefined)
  @Equals(true, { message: 'all must be true (or send userIds instead)' })
  all?: true;
}

export class InvitePeopleResultDto {
  @ApiProperty({ description: 'People who were sent a set-password link (valid 72 hours) through the outbox' }) invited: number;
  @ApiProperty({ description: 'Not sent: the person has no email (with all: every active person without one)' }) withoutEmail: number;
  @ApiProperty({ description: 'Not sent: the person has already set a password' }) alreadyActive: number;
  @ApiProperty({ description: 'Not sent: the person is deactivated' }) deactivated: number;
}
