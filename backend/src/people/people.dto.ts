import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { IsVisibleText } from '../common/validation';
import { ROLES, type Role } from '../common/actor';
import {
  EMAIL_MAX,
  EMPLOYEE_NUMBER_MAX,
  EMPLOYMENT_TYPES,
  GENDERS,
  LOCALES,
  NAME_MAX,
  UNIT_CODE_MAX,
  type EmploymentType,
  type Gender,
  type Locale,
} from './person-row';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** A blank text means "none", like an empty cell in the import. */
const trimToNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreatePersonDto {
  @ApiPropertyOptional({ example: 'siti.rahma@contoh.go.id', description: 'Without one the person cannot sign in; with one they get a set-password invitation' })
  @Transform(trimToNull)
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(EMAIL_MAX)
  email?: string | null;

  @ApiProperty({ example: 'Siti Rahmawati' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'name is required' })
  @MaxLength(NAME_MAX)
  @IsVisibleText()
  name: string;

  @ApiPropertyOptional({ example: '198703152010012001', description: 'Unique within the organisation' })
  @Transform(trimToNull)
  @IsOptional()
  @IsString()
  @MaxLength(EMPLOYEE_NUMBER_MAX)
  employeeNumber?: string | null;

  @ApiPropertyOptional({ description: 'The unit, by id (or give unitCode)' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string;

  @ApiPropertyOptional({ example: 'SEKRETARIAT', description: 'The unit, by code (or give unitId)' })
  @Transform(trim)
  @IsOptional()
  @IsString()
  @MaxLength(UNIT_CODE_MAX)
  unitCode?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean({ message: 'isLeader must be true or false' })
  isLeader?: boolean;

  @ApiPropertyOptional({ enum: GENDERS, default: 'not_stated' })
  @IsOptional()
  @IsIn(GENDERS, { message: `gender must be one of: ${GENDERS.join(', ')}` })
  gender?: Gender;

  @ApiPropertyOptional({ enum: EMPLOYMENT_TYPES, default: 'permanent' })
  @IsOptional()
  @IsIn(EMPLOYMENT_TYPES, { message: `employmentType must be one of: ${EMPLOYMENT_TYPES.join(', ')}` })
  employmentType?: EmploymentType;

  @ApiPropertyOptional({ example: '2010-01-04' })
  @IsOptional()
  @Matches(DATE, { message: 'hireDate must be a date written YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'hireDate must be a real calendar date' })
  hireDate?: string | null;

  @ApiPropertyOptional({ enum: LOCALES, default: 'id' })
  @IsOptional()
  @IsIn(LOCALES, { message: 'locale must be one of: id, en' })
  locale?: Locale;
}

/** Only the fields sent change; `null` clears email, employeeNumber or hireDate. */
export class UpdatePersonDto {
  @ApiPropertyOptional({ nullable: true, type: String })
  @Transform(trimToNull)
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(EMAIL_MAX)
  email?: string | null;

  @ApiPropertyOptional()
  @Transform(trim)
  @ValidateIf((o: UpdatePersonDto) => o.name !== undefined)
  @IsString({ message: 'name must be a text' })
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(NAME_MAX)
  @IsVisibleText()
  name?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @Transform(trimToNull)
  @IsOptional()
  @IsString()
  @MaxLength(EMPLOYEE_NUMBER_MAX)
  employeeNumber?: string | null;

  @ApiPropertyOptional({ description: 'Moves the person to this unit (or give unitCode)' })
  @ValidateIf((o: UpdatePersonDto) => o.unitId !== undefined)
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string;

  @ApiPropertyOptional({ description: 'Moves the person to the unit with this code (or give unitId)' })
  @Transform(trim)
  @ValidateIf((o: UpdatePersonDto) => o.unitCode !== undefined)
  @IsString({ message: 'unitCode must be a text' })
  @IsNotEmpty({ message: 'unitCode must not be empty' })
  @MaxLength(UNIT_CODE_MAX)
  unitCode?: string;

  @ApiPropertyOptional({ description: 'Becoming a leader sets leaderSince to today' })
  @ValidateIf((o: UpdatePersonDto) => o.isLeader !== undefined)
  @IsBoolean({ message: 'isLeader must be true or false' })
  isLeader?: boolean;

  @ApiPropertyOptional({ enum: GENDERS })
  @ValidateIf((o: UpdatePersonDto) => o.gender !== undefined)
  @IsIn(GENDERS, { message: `gender must be one of: ${GENDERS.join(', ')}` })
  gender?: Gender;

  @ApiPropertyOptional({ enum: EMPLOYMENT_TYPES })
  @ValidateIf((o: UpdatePersonDto) => o.employmentType !== undefined)
  @IsIn(EMPLOYMENT_TYPES, { message: `employmentType must be one of: ${EMPLOYMENT_TYPES.join(', ')}` })
  employmentType?: EmploymentType;

  @ApiPropertyOptional({ nullable: true, type: String, example: '2010-01-04' })
  @IsOptional()
  @Matches(DATE, { message: 'hireDate must be a date written YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'hireDate must be a real calendar date' })
  hireDate?: string | null;

  @ApiPropertyOptional({ enum: LOCALES })
  @ValidateIf((o: UpdatePersonDto) => o.locale !== undefined)
  @IsIn(LOCALES, { message: 'locale must be one of: id, en' })
  locale?: Locale;
}

export class PersonDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) employeeNumber: string | null;
  @ApiProperty({ nullable: true, type: String }) unitId: string | null;
  @ApiProperty({ nullable: true, type: String }) unitCode: string | null;
  @ApiProperty({ nullable: true, type: String }) unitName: string | null;
  @ApiProperty() isLeader: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'YYYY-MM-DD' }) leaderSince: string | null;
  @ApiProperty({ enum: GENDERS }) gender: Gender;
  @ApiProperty({ enum: EMPLOYMENT_TYPES }) employmentType: EmploymentType;
  @ApiProperty({ nullable: true, type: String, description: 'YYYY-MM-DD' }) hireDate: string | null;
  @ApiProperty({ enum: LOCALES }) locale: Locale;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({ enum: ['active', 'deactivated'] }) status: 'active' | 'deactivated';
  @ApiProperty({ nullable: true, type: Date }) deactivatedAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class ImportQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'Check and count only; nothing is written' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'dryRun must be true or false' })
  dryRun?: 'true' | 'false';

  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'Write the good lines and skip the bad ones (else any bad line stops the import)' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'skipInvalid must be true or false' })
  skipInvalid?: 'true' | 'false';
}

export class ImportErrorDto {
  @ApiProperty({ description: 'The header is line 1' }) line: number;
  @ApiProperty({ nullable: true, type: String, description: 'The column, or null when the line as a whole is wrong' }) field: string | null;
  @ApiProperty() message: string;
}

export class PeopleImportResultDto {
  @ApiProperty() created: number;
  @ApiProperty({ description: 'Existing people whose data changed' }) updated: number;
  @ApiProperty({ description: 'Existing people already up to date' }) unchanged: number;
  @ApiProperty({ description: 'Lines not written because they have errors' }) skipped: number;
  @ApiProperty({ type: [ImportErrorDto], description: 'In line order, at most 1,000 (see errorCount)' }) errors: ImportErrorDto[];
  @ApiProperty() errorCount: number;
  @ApiProperty({ description: 'False for a dry run and for an import refused because of errors' }) written: boolean;
}
