import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsNotEmpty, IsOptional, IsString, IsTimeZone, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsVisibleText } from '../common/validation';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** The first HR admin: name and email only; an invitation link goes to the email. */
export class HrAdminDto {
  @ApiProperty() @Transform(trim) @IsEmail({}, { message: 'email must be an email address' }) @MaxLength(254) email: string;
  @ApiProperty() @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(200) @IsVisibleText() name: string;
  // No password: nobody types another person's password. The HR admin gets an invitation link
  // (7 days) and sets one; a `password` sent here is refused as an unknown property (400).
}

export class CreateOrganizationDto {
  @ApiProperty({ example: 'Dinas Sosial Provinsi Contoh', description: 'No invisible or text-direction control characters' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsVisibleText()
  name: string;

  @ApiProperty({ example: 'dinsos-contoh', description: 'lowercase letters, digits and hyphens, 2–40 characters' })
  @Transform(trim)
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{1,39}$/, { message: 'code must be 2–40 lowercase letters, digits or hyphens' })
  code: string;

  @ApiPropertyOptional({ example: 'Asia/Jakarta', description: 'IANA time zone: Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT)' })
  @IsOptional()
  @IsTimeZone({ message: 'timeZone must be an IANA time zone such as Asia/Jakarta' })
  timeZone?: string;

  @ApiProperty({ type: HrAdminDto })
  @ValidateNested()
  @Type(() => HrAdminDto)
  hrAdmin: HrAdminDto;
}

export class OrganizationDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() code: string;
  @ApiProperty() timeZone: string;
  @ApiProperty() createdAt: Date;
}

export class UnitDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) parentId: string | null;
}

export class BilingualTextDto {
  @ApiProperty() @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(500) id: string;
  @ApiProperty() @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(500) en: string;
}

export class SopStepsDto {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(30) @IsString({ each: true }) @MaxLength(500, { each: true }) id: string[];
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(30) @IsString({ each: true }) @MaxLength(500, { each: true }) en: string[];
}

export class TaskForceMemberDto {
  @ApiProperty() @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(200) @IsVisibleText() name: string;
  @ApiProperty({ type: BilingualTextDto }) @ValidateNested() @Type(() => BilingualTextDto) role: BilingualTextDto;
  @ApiProperty({ description: 'Email or phone' }) @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(200) contact: string;
}

export class ReportingChannelDto {
  @ApiProperty({ type: BilingualTextDto }) @ValidateNested() @Type(() => BilingualTextDto) name: BilingualTextDto;
  @ApiProperty() @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(300) contact: string;
  @ApiProperty({ description: 'Run by an independent partner outside the organisation' }) @IsBoolean() independent: boolean;
}

/** Who signs the organisation's certificates, printed under the holder's name in the holder's language. */
export class CertificateSignatoryDto {
  @ApiProperty({ example: 'Dr. Ratna Sari' }) @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(200) @IsVisibleText() name: string;
  @ApiProperty({ type: BilingualTextDto, description: 'Their position, e.g. { id: "Ketua Satgas", en: "Chair of the task force" }' })
  @ValidateNested() @Type(() => BilingualTextDto) title: BilingualTextDto;
}

/** The facts the training content is filled in with, edited by HR. */
export class OrganizationSettingsDto {
  @ApiProperty({ example: 'Asia/Jakarta' })
  @IsTimeZone({ message: 'timeZone must be an IANA time zone such as Asia/Jakarta' })
  timeZone: string;

  @ApiProperty({ type: SopStepsDto }) @ValidateNested() @Type(() => SopStepsDto) sopSteps: SopStepsDto;

  @ApiProperty({ type: [TaskForceMemberDto] })
  @IsArray() @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => TaskForceMemberDto)
  taskForce: TaskForceMemberDto[];

  @ApiProperty({ type: [ReportingChannelDto] })
  @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ReportingChannelDto)
  channels: ReportingChannelDto[];

  @ApiPropertyOptional({
    type: CertificateSignatoryDto,
    nullable: true,
    description: 'Printed on certificates whose PDF is rendered from now on (stored PDFs stay as they are); null removes it, leaving it out keeps the current one',
  })
  @IsOptional() @ValidateNested() @Type(() => CertificateSignatoryDto)
  certificateSignatory?: CertificateSignatoryDto | null;
}
