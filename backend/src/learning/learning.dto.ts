import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';

export class LangQueryDto {
  @ApiPropertyOptional({ enum: ['id', 'en'], description: "Defaults to the caller's language" })
  @IsOptional()
  @IsIn(['id', 'en'], { message: 'lang must be one of: id, en' })
  lang?: 'id' | 'en';
}

export class ProgressDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) lessonId: string;
  @ApiProperty({ enum: ['opened', 'read', 'checked'] })
  @IsIn(['opened', 'read', 'checked'], { message: 'event must be one of: opened, read, checked' })
  event: 'opened' | 'read' | 'checked';
  @ApiPropertyOptional({ description: '`checked` only: the id of a check block of that lesson' })
  @ValidateIf((o: ProgressDto) => o.event === 'checked')
  @IsString() @IsNotEmpty() @MaxLength(100)
  blockId?: string;
  @ApiPropertyOptional({ type: [String], description: "`checked` only: the chosen option ids (one for a single-choice check)" })
  @ValidateIf((o: ProgressDto) => o.event === 'checked')
  @IsArray({ message: 'optionIds must be a list of option ids' }) @ArrayMinSize(1, { message: 'optionIds must name at least one option' }) @ArrayMaxSize(5)
  @IsString({ each: true }) @MaxLength(100, { each: true })
  optionIds?: string[];
}

export class ReflectionDto {
  @ApiProperty({ maxLength: 4000, description: 'The learner\'s own text; empty removes it' })
  @IsString() @MaxLength(4000, { message: 'text must be at most 4000 characters' })
  text: string;
}

export class PretestDto {
  @ApiProperty({ example: { 'p1-consent': ['b'] }, description: 'pre-test question id → chosen option ids (every question answered)' })
  @IsObject({ message: 'answers must be an object of question id → option ids' })
  answers: Record<string, string[]>;
}

export class SubmitAttemptDto {
  @ApiProperty({ example: { 'q1-consent': ['a'], 'q2-forms': ['a', 'c'] }, description: 'question id → chosen option ids' })
  @IsObject({ message: 'answers must be an object of question id → option ids' })
  answers: Record<string, string[]>;
}

export class ModuleRefDto {
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['everyone', 'leaders', 'staff'] }) audience: string;
  @ApiProperty({ description: 'sha256 of the module files' }) version: string;
}

export class MyAssignmentDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: ModuleRefDto }) module: ModuleRefDto;
  @ApiProperty({ enum: ['not_started', 'in_progress', 'completed', 'overdue', 'expired'] }) status: string;
  @ApiProperty({ example: '2026-12-31', description: "Calendar date in the organisation's time zone" }) dueAt: string;
  @ApiProperty({ nullable: true, type: Date }) completedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) certificateSerial: string | null;
  @ApiProperty({ description: 'Lessons read / lessons in the module' }) progress: { read: number; total: number };
  @ApiProperty({ nullable: true, type: String, description: 'The module version the completion was earned on' }) completedVersion: string | null;
  @ApiProperty({ nullable: true, type: Number, description: "The module's estimated duration in minutes (null: the module is no longer in the catalog)" })
  estimatedMinutes: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'The latest submitted quiz attempt, to open its result again (GET /api/my/attempts/:id)' })
  lastAttemptId: string | null;
}
