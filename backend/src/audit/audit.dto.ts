import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '../common/pagination';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RequestReportDto {
  @ApiProperty({ example: '2026-01-01' }) @IsDateString({ strict: true }, { message: 'periodStart must be a date (YYYY-MM-DD)' }) periodStart: string;
  @ApiProperty({ example: '2026-06-30' }) @IsDateString({ strict: true }, { message: 'periodEnd must be a date (YYYY-MM-DD)' }) periodEnd: string;
  @ApiPropertyOptional({ enum: ['id', 'en'], default: 'id', description: 'Indonesian by default' })
  @IsOptional()
  @IsIn(['id', 'en'], { message: 'lang must be one of: id, en' })
  lang?: 'id' | 'en';
}

export class EntriesQueryDto {
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) afterSeq = 0;
  @ApiPropertyOptional({ default: 1000, maximum: 1000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit = 1000;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const trimToUndefined = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || undefined : value);

/** Filters of the readable trail; the dates are days in the organisation's calendar, both included. */
export class TrailQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01', description: "First day, in the organisation's time zone" })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'from must be a date (YYYY-MM-DD)' })
  @IsDateString({ strict: true }, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: "Last day (included), in the organisation's time zone" })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'to must be a date (YYYY-MM-DD)' })
  @IsDateString({ strict: true }, { message: 'to must be a date (YYYY-MM-DD)' })
  to?: string;

  @ApiPropertyOptional({ example: 'learning.completed', description: 'One action, as listed in `actions`' })
  @IsOptional()
  @Transform(trimToUndefined)
  @IsString()
  @Matches(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, { message: 'action must be an action name such as learning.completed' })
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional({ description: 'Part of the name or email of who acted (HR and `named` engagements only)' })
  @IsOptional()
  @Transform(trimToUndefined)
  @IsString()
  @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({ example: 'certificate', description: 'The type of object acted on' })
  @IsOptional()
  @Transform(trimToUndefined)
  @IsString()
  @Matches(/^[a-z][a-z_]*$/, { message: 'targetType must be an object type such as certificate' })
  @MaxLength(60)
  targetType?: string;

  @ApiPropertyOptional({ enum: ['id', 'en'], description: "Language of module titles; else the account's" })
  @IsOptional()
  @IsIn(['id', 'en'], { message: 'lang must be one of: id, en' })
  lang?: 'id' | 'en';
}

export class TrailActorDto {
  @ApiProperty({ enum: ['system', 'person', 'hr_admin', 'auditor', 'case_handler', 'platform_admin'], description: "The actor's role today" })
  kind: string;
  @ApiProperty({ nullable: true, type: String, description: 'Only for HR and `named` engagements, and only for people of the organisation or of a partner engaged with it' })
  name: string | null;
}

export class TrailTargetDto {
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'The object in words: a person\'s or unit\'s name, a module title, a certificate serial, a report period (`2026-01-01/2026-06-30`), a partner, a route read. ' +
      'Null when unknown or, for an `aggregate` engagement, when the object points to one person.',
  })
  label: string | null;
}

export class TrailItemDto {
  @ApiProperty() seq: number;
  @ApiProperty({ example: '2026-12-01T02:03:04.005Z', description: 'ISO instant (UTC); show it in `timeZone`' }) at: string;
  @ApiProperty({ type: TrailActorDto }) actor: TrailActorDto;
  @ApiProperty({ example: 'learning.completed' }) action: string;
  @ApiProperty({ nullable: true, type: String }) targetType: string | null;
  @ApiProperty({ type: TrailTargetDto, nullable: true }) target: TrailTargetDto | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
    description: "The entry's details that a person can read: plain values only, without ids and, for an `aggregate` engagement, without anything that points to one person",
  })
  summary: Record<string, string | number | boolean>;
}

export class TrailPageDto {
  @ApiProperty({ type: TrailItemDto, isArray: true }) items: TrailItemDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ type: String, isArray: true, description: "Every action in the organisation's trail, for the filter" }) actions: string[];
  @ApiProperty({ example: 'Asia/Jakarta', description: "The organisation's time zone: dates of the filter are days there" }) timeZone: string;
}

export class CreateFindingDto {
  @ApiProperty({ enum: ['low', 'medium', 'high', 'critical'] })
  @IsIn(['low', 'medium', 'high', 'critical'], { message: 'severity must be one of: low, medium, high, critical' })
  severity: 'low' | 'medium' | 'high' | 'critical';
  @ApiProperty() @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(4000) text: string;
  @ApiProperty({ example: '2026-12-31' }) @IsDateString({ strict: true }, { message: 'dueOn must be a date (YYYY-MM-DD)' }) dueOn: string;
}

export class RespondFindingDto {
  @ApiProperty({ description: 'What the organisation did or will do' }) @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(4000) correctiveAction: string;
}

export class ScheduleDto {
  @ApiProperty({ nullable: true, description: 'Months between scheduled reports (1–24), or null to stop', type: Number })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24)
  everyMonths: number | null;
}

export class FindingDto {
  @ApiProperty() id: string;
  @ApiProperty() reportId: string;
  @ApiProperty({ enum: ['low', 'medium', 'high', 'critical'] }) severity: string;
  @ApiProperty() text: string;
  @ApiProperty({ example: '2026-12-31', description: "A date in the organisation's calendar" }) dueOn: string;
  @ApiProperty({ nullable: true, type: String }) correctiveAction: string | null;
  @ApiProperty({ nullable: true, type: Date }) respondedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) closureProposedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) closedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date, description: 'The last time an auditor reopened it' }) reopenedAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ enum: ['open', 'responded', 'closure_proposed', 'closed'] }) status: string;
  @ApiProperty({ nullable: true, type: Boolean, description: "Closed on or before dueOn (organisation's calendar); null while not closed" })
  closedOnTime: boolean | null;
}
