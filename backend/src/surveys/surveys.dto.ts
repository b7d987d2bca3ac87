import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsObject, IsOptional, IsString } from 'class-validator';

export class OpenWaveDto {
  @ApiProperty({ example: 'climate-2026', description: 'The slug of a questionnaire in content/surveys/' }) @IsString() questionnaire: string;
  @ApiProperty({ enum: ['everyone', 'leaders', 'staff'] })
  @IsIn(['everyone', 'leaders', 'staff'], { message: 'audience must be one of: everyone, leaders, staff' })
  audience: 'everyone' | 'leaders' | 'staff';
  @ApiProperty({ example: '2026-12-01' }) @IsDateString({ strict: true }, { message: 'opensOn must be a date (YYYY-MM-DD)' }) opensOn: string;
  @ApiProperty({ example: '2026-12-31' }) @IsDateString({ strict: true }, { message: 'closesOn must be a date (YYYY-MM-DD)' }) closesOn: string;
}

export class RespondDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { 'know-where': 'agree', witnessed: 'no', comments: 'More training for managers' },
    description: 'Question id → option id (likert, yes_no, single) or text (the optional free-text question)',
  })
  @IsObject({ message: 'answers must be an object of question id → answer' })
  answers: Record<string, unknown>;
}

export class LangQueryDto {
  @ApiPropertyOptional({ enum: ['id', 'en'], description: "Defaults to the caller's language" })
  @IsOptional()
  @IsIn(['id', 'en'], { message: 'lang must be one of: id, en' })
  lang?: 'id' | 'en';
}

export class ResultsQueryDto extends LangQueryDto {
  @ApiPropertyOptional({ enum: ['unit', 'role', 'gender'], description: 'Without it, the whole wave only' })
  @IsOptional()
  @IsIn(['unit', 'role', 'gender'], { message: 'groupBy must be one of: unit, role, gender' })
  groupBy?: 'unit' | 'role' | 'gender';
}
