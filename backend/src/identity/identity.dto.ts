import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayUnique, IsArray, IsBoolean, Matches, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../common/pagination';
import { ROLES, type Role } from '../common/actor';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class LoginDto {
  @ApiProperty({ example: 'staff@demo.test' })
  @Transform(trim)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'demo-pass-2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password: string;
}

export class PasswordResetDto {
  @ApiProperty()
  @Transform(trim)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;
}

export const PASSWORD_MIN_LENGTH = 10;

export class SetPasswordDto {
  @ApiProperty({ description: 'The token from the one-time link' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, { message: `password must be at least ${PASSWORD_MIN_LENGTH} characters long` })
  @MaxLength(200)
  password: string;

  @ApiPropertyOptional({
    description:
      'Case handlers and Satgas members: the recovery key shown when their key pair was made. With it, a reset keeps access to ' +
      'their cases; without it a new key pair is made at the next sign-in and earlier cases stay closed to them until a colleague shares them again. A wrong one → 400.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  recoveryKey?: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty({ message: 'currentPassword must not be empty' })
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, { message: `password must be at least ${PASSWORD_MIN_LENGTH} characters long` })
  @MaxLength(200)
  password: string;
}

export class UpdateMeDto {
  @ApiPropertyOptional({ enum: ['id', 'en'] })
  @IsOptional()
  @IsIn(['id', 'en'], { message: 'locale must be one of: id, en' })
  locale?: 'id' | 'en';
}

export class MeDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty() isLeader: boolean;
  @ApiProperty({ nullable: true, type: String }) organizationId: string | null;
  @ApiProperty({ nullable: true, type: String }) unitId: string | null;
  @ApiProperty({ nullable: true, type: String }) partnerId: string | null;
  @ApiProperty({ enum: ['id', 'en'] }) locale: 'id' | 'en';
  @ApiProperty({ description: 'An HR admin whose organisation requires TOTP and who has not set it up: every other route answers 403 until they do' })
  totpEnrollmentRequired: boolean;
  @ApiProperty({ description: 'HR designated this employee a Satgas member: they receive confidential reports at /cases' })
  isSatgas: boolean;
}

export class TotpLoginDto {
  @ApiProperty({ description: 'The `challenge` from POST /api/auth/login' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  challenge: string;

  @ApiProperty({ description: 'The 6-digit code of the authenticator app, or one recovery code' })
  @IsString()
  @IsNotEmpty({ message: 'code must not be empty' })
  @MaxLength(40)
  code: string;
}

export class TotpCodeDto {
  @ApiProperty({ example: '123456' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be the 6 digits the app shows' })
  code: string;
}

export class CurrentPasswordDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty({ message: 'currentPassword must not be empty' })
  @MaxLength(200)
  currentPassword: string;
}

export class HrTotpRequirementDto {
  @ApiProperty({ description: 'HR admins of the organisation must sign in with TOTP' })
  @IsBoolean()
  requireHrTotp: boolean;
}

export class LoginResponseDto {
  @ApiProperty({ type: MeDto }) user: MeDto;
  @ApiProperty({ description: 'Send as `Authorization: Bearer <token>` from scripts' }) token: string;
}

/** As the users.employment_type check in the database. */
export const EMPLOYMENT_TYPES = ['permanent', 'contract', 'intern', 'volunteer'] as const;

export class PeopleQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Searches name, email and employee number' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'Only people in this unit or below it' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ enum: ['active', 'deactivated'], default: 'active' })
  @IsOptional()
  @IsIn(['active', 'deactivated'])
  status?: 'active' | 'deactivated';

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only leaders (true) or only staff (false)' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'isLeader must be true or false' })
  isLeader?: 'true' | 'false';

  @ApiPropertyOptional({ enum: EMPLOYMENT_TYPES })
  @IsOptional()
  @IsIn(EMPLOYMENT_TYPES, { message: `employmentType must be one of: ${EMPLOYMENT_TYPES.join(', ')}` })
  employmentType?: (typeof EMPLOYMENT_TYPES)[number];

  @ApiPropertyOptional({
    enum: ['overdue', 'in_progress', 'expired', 'completed', 'none'],
    description:
      "Only people whose training, across their current assignments, is: overdue (any overdue), in_progress (any open, none overdue), " +
      'expired (a completion lapsed, nothing open), completed (all done) or none (nothing assigned). Each person in the list carries `trainingStatus`.',
  })
  @IsOptional()
  @IsIn(['overdue', 'in_progress', 'expired', 'completed', 'none'], { message: 'training must be one of: overdue, in_progress, expired, completed, none' })
  training?: 'overdue' | 'in_progress' | 'expired' | 'completed' | 'none';
}

export const ORGANIZATION_ROLES = ['employee', 'hr_admin'] as const;

export class SetRolesDto {
  @ApiProperty({ enum: ORGANIZATION_ROLES, isArray: true, example: ['employee', 'hr_admin'] })
  @IsArray()
  @ArrayUnique()
  @IsIn(ORGANIZATION_ROLES, { each: true, message: 'roles may only contain: employee, hr_admin' })
  roles: ('employee' | 'hr_admin')[];
}
