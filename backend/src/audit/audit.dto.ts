import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

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
