import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQueryDto } from '../common/pagination';

export const GROUP_BYS = ['unit', 'role', 'gender', 'employmentType', 'module'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CompletionQueryDto {
  @ApiProperty({ enum: GROUP_BYS })
  @IsIn(GROUP_BYS, { message: `groupBy must be one of: ${GROUP_BYS.join(', ')}` })
  groupBy: GroupBy;

  @ApiPropertyOptional({ description: 'Only people assigned this module (its slug)' })
  @IsOptional()
  @Matches(SLUG, { message: 'module must be a module slug, e.g. recognising-harassment' })
  module?: string;

  @ApiPropertyOptional({ enum: ['id', 'en'], description: "Language of module titles; the caller's own by default" })
  @IsOptional()
  @IsIn(['id', 'en'], { message: 'lang must be one of: id, en' })
  lang?: 'id' | 'en';
}

export class SummaryQueryDto {
  @ApiPropertyOptional({ description: 'Only people assigned this module (its slug)' })
  @IsOptional()
  @Matches(SLUG, { message: 'module must be a module slug, e.g. recognising-harassment' })
  module?: string;
}

export class OverdueQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only people in this unit or below it' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string;

  @ApiPropertyOptional({ enum: ['id', 'en'] })
  @IsOptional()
  @IsIn(['id', 'en'], { message: 'lang must be one of: id, en' })
  lang?: 'id' | 'en';
}

export class OverTimeQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'First day (organisation calendar); default: 12 periods before `to`' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date as YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: "Last day, included; default: the organisation's today" })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date as YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ enum: ['week', 'month'], default: 'month' })
  @IsOptional()
  @IsIn(['week', 'month'], { message: 'interval must be one of: week, month' })
  interval?: 'week' | 'month';

  @ApiPropertyOptional({ description: 'Only completions of this module (its slug)' })
  @IsOptional()
  @Matches(SLUG, { message: 'module must be a module slug, e.g. recognising-harassment' })
  module?: string;
}

const MODULE_RATE =
  'Completed current assignments ÷ current assignments of the group, 0–1 (null when suppressed or when nobody is assigned): ' +
  'the headline figure, as a person who finished five of six modules counts 5/6 here and 0 in completionRate';

export class CompletionRowDto {
  @ApiProperty({ description: 'Unit name, leaders|staff, female|male|not_stated, permanent|contract|intern|volunteer, or module title' })
  group: string;
  @ApiPropertyOptional({ description: 'Unit id (groupBy=unit) or module slug (groupBy=module)' })
  groupId?: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Parent unit id (groupBy=unit)' })
  parentId?: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'People with at least one current assignment' }) assigned: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'People who completed all of them' }) completed: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'People with at least one overdue' }) overdue: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'completed / assigned, 0–1: the share of people who completed all their modules' }) completionRate: number | null;
  @ApiProperty({ nullable: true, type: Number, description: MODULE_RATE }) moduleCompletionRate: number | null;
  @ApiProperty({ description: 'True when the numbers are hidden (small group, or one that would reveal one)' }) suppressed: boolean;
}

export class CountsDto {
  @ApiProperty({ nullable: true, type: Number }) assigned: number | null;
  @ApiProperty({ nullable: true, type: Number }) completed: number | null;
  @ApiProperty({ nullable: true, type: Number }) overdue: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'completed / assigned, 0–1' }) completionRate: number | null;
  @ApiProperty({ nullable: true, type: Number, description: MODULE_RATE }) moduleCompletionRate: number | null;
  @ApiProperty() suppressed: boolean;
}

export class SummaryDto extends CountsDto {
  @ApiProperty({ type: CountsDto }) leaders: CountsDto;
  @ApiProperty({ type: CountsDto }) staff: CountsDto;
}

export class OverTimeRowDto {
  @ApiProperty({ description: 'First day of the week (Monday) or month, YYYY-MM-DD' }) period: string;
  @ApiProperty({ nullable: true, type: Number }) completed: number | null;
  @ApiProperty() suppressed: boolean;
}
