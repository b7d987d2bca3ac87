import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDateString, IsEmail, IsIn, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsVisibleText } from '../common/validation';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreatePartnerDto {
  @ApiProperty({ example: 'Yayasan Mitra Setara', description: 'No invisible or text-direction control characters' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsVisibleText()
  name: string;
}

export class CreateAuditorDto {
  @ApiProperty() @Transform(trim) @IsEmail({}, { message: 'email must be an email address' }) @MaxLength(254) email: string;
  @ApiProperty() @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(200) @IsVisibleText() name: string;
}

export class CreateEngagementDto {
  @ApiProperty() @IsUUID('all', { message: 'partnerId must be a UUID' }) partnerId: string;
  @ApiProperty() @IsUUID('all', { message: 'organizationId must be a UUID' }) organizationId: string;
  @ApiProperty({ example: '2026-01-01' })
  @IsDateString({ strict: true }, { message: 'periodStart must be a date (YYYY-MM-DD)' })
  periodStart: string;
  @ApiProperty({ example: '2026-12-31' })
  @IsDateString({ strict: true }, { message: 'periodEnd must be a date (YYYY-MM-DD)' })
  periodEnd: string;
  @ApiProperty({ enum: ['aggregate', 'named'] })
  @IsIn(['aggregate', 'named'], { message: 'scope must be one of: aggregate, named' })
  scope: 'aggregate' | 'named';
}

export class EngagementDto {
  @ApiProperty() id: string;
  @ApiProperty() organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty() partnerId: string;
  @ApiProperty() partnerName: string;
  @ApiProperty({ example: '2026-01-01' }) periodStart: string;
  @ApiProperty({ example: '2026-12-31' }) periodEnd: string;
  @ApiProperty({ enum: ['aggregate', 'named'] }) scope: 'aggregate' | 'named';
  @ApiProperty({ description: 'The period covers today in the organisation’s time zone and it was not ended early' }) active: boolean;
  @ApiProperty({ enum: ['active', 'upcoming', 'ended'], description: 'upcoming: the period starts after today; ended: it is over or a platform admin ended it' })
  state: 'active' | 'upcoming' | 'ended';
  @ApiProperty({ nullable: true, type: Date, description: 'When a platform admin ended it before its period was over' }) endedAt: Date | null;
}

export class PartnerDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Number of auditors' }) auditors: number;
}
