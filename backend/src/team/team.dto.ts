import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

export const TEAM_STATUSES = ['not_started', 'in_progress', 'completed', 'overdue', 'expired'] as const;
export type TeamStatus = (typeof TEAM_STATUSES)[number];
export const TEAM_MAX_PAGE_SIZE = 500;

export class TeamQueryDto {
  @ApiPropertyOptional({ description: 'Only this module (its slug): people without a current assignment of it are left out' })
  @IsOptional()
  @IsString({ message: 'module must be a module slug' })
  @MaxLength(100, { message: 'module must be a module slug' })
  @Matches(/^[a-z0-9-]+$/, { message: 'module must be a module slug (a-z, 0-9, -)' })
  module?: string;

  @ApiPropertyOptional({ enum: TEAM_STATUSES, description: 'Only assignments in this status, and the people who have one' })
  @IsOptional()
  @IsIn(TEAM_STATUSES, { message: `status must be one of: ${TEAM_STATUSES.join(', ')}` })
  status?: TeamStatus;

  @ApiPropertyOptional({ description: "Only people in this unit or below it; it must be the leader's unit or one of its sub-units" })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string;

  @ApiPropertyOptional({ enum: ['id', 'en'], description: "Module titles in this language; defaults to the caller's" })
  @IsOptional()
  @IsIn(['id', 'en'], { message: 'lang must be one of: id, en' })
  lang?: 'id' | 'en';

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be a whole number' })
  @Min(1, { message: 'page must be 1 or more' })
  @Max(1_000_000, { message: 'page must be at most 1000000' })
  page = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: TEAM_MAX_PAGE_SIZE, default: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize must be a whole number' })
  @Min(1, { message: `pageSize must be between 1 and ${TEAM_MAX_PAGE_SIZE}` })
  @Max(TEAM_MAX_PAGE_SIZE, { message: `pageSize must be between 1 and ${TEAM_MAX_PAGE_SIZE}` })
  pageSize = 200;
}

export class TeamUnitDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) parentId: string | null;
}

export class TeamModuleDto {
  @ApiProperty() slug: string;
  @ApiProperty({ description: "In the requested language" }) title: string;
}

export class TeamAssignmentDto {
  @ApiProperty({ type: TeamModuleDto }) module: TeamModuleDto;
  @ApiProperty({ enum: TEAM_STATUSES }) status: TeamStatus;
  @ApiProperty({ example: '2026-12-31', description: "Calendar date in the organisation's time zone" }) dueAt: string;
  @ApiProperty({ nullable: true, type: Date }) completedAt: Date | null;
}

export class TeamPersonDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) unitName: string | null;
  @ApiProperty({ type: [TeamAssignmentDto], description: "The person's current assignment of each module (matching the filters)" })
  assignments: TeamAssignmentDto[];
  @ApiProperty({ description: 'The caller already sent this person a reminder today (one per person and day)' })
  remindedToday: boolean;
  @ApiProperty({ description: 'At least one assignment still open (something to remind about)' })
  hasOpen: boolean;
}

export class TeamDto {
  @ApiProperty({ type: [TeamUnitDto], description: "The leader's own unit and its sub-units" }) units: TeamUnitDto[];
  @ApiProperty({ type: [TeamPersonDto], description: 'By name; one page of them' }) people: TeamPersonDto[];
  @ApiProperty({ description: 'People matching the filters, on every page' }) total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class TeamReminderDto {
  @ApiProperty({ enum: [true] }) queued: true;
}
