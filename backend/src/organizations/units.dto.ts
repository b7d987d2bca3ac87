import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { UNIT_CODE_PATTERN, UNIT_CODE_RULE, UNIT_NAME_MAX } from './unit-rows';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateUnitDto {
  @ApiProperty({ example: 'SEK-UMUM', description: 'Unique within the organisation, archived units included' })
  @Transform(trim)
  @IsString()
  @Matches(UNIT_CODE_PATTERN, { message: UNIT_CODE_RULE })
  code: string;

  @ApiProperty({ example: 'Subbagian Umum dan Kepegawaian' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'name is required' })
  @MaxLength(UNIT_NAME_MAX)
  name: string;

  @ApiPropertyOptional({ description: 'The parent unit; none for a top-level unit' })
  @IsOptional()
  @IsUUID('all', { message: 'parentId must be a UUID' })
  parentId?: string | null;
}

/** `name` renames; `parentId` moves the unit with its subtree (`null` makes it top-level). */
export class UpdateUnitDto {
  @ApiPropertyOptional()
  @Transform(trim)
  @ValidateIf((o: UpdateUnitDto) => o.name !== undefined)
  @IsString({ message: 'name must be a text' })
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(UNIT_NAME_MAX)
  name?: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'The new parent; null moves the unit to the top level' })
  @IsOptional()
  @IsUUID('all', { message: 'parentId must be a UUID' })
  parentId?: string | null;
}

export class UnitImportQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'Check and count only; nothing is written' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'dryRun must be true or false' })
  dryRun?: 'true' | 'false';
}

export class ArchiveUnitResultDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Units archived now: the unit and its sub-units (0 when already archived)' }) archivedUnits: number;
}

export class UnitImportErrorDto {
  @ApiProperty({ description: 'The header is line 1' }) line: number;
  @ApiProperty({ nullable: true, type: String }) field: string | null;
  @ApiProperty() message: string;
}

export class UnitImportResultDto {
  @ApiProperty() created: number;
  @ApiProperty({ description: 'Existing units renamed or moved' }) updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty({ type: [UnitImportErrorDto], description: 'Any error means nothing is written' }) errors: UnitImportErrorDto[];
  @ApiProperty() errorCount: number;
  @ApiProperty({ description: 'False for a dry run and for an import refused because of errors' }) written: boolean;
}
