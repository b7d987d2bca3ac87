import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsVisibleText } from '../common/validation';

export const CATEGORIES = ['sexual_harassment', 'sexual_violence', 'online_gbv', 'retaliation', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];
export const STATUSES = ['received', 'in_review', 'referred', 'closed'] as const;
export type CaseStatus = (typeof STATUSES)[number];
export const OUTCOMES = ['substantiated', 'not_substantiated', 'resolved_informally', 'withdrawn', 'referred_elsewhere'] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** The recipient id the reporter picks for the organisation's Satgas (partners are picked by their id). */
export const SATGAS_RECIPIENT = 'satgas';

export const DESCRIPTION_MAX = 20000;
export const MESSAGE_MAX = 10000;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Multipart sends one field per value: a single recipient arrives as a string. */
const toArray = ({ value }: { value: unknown }) => (typeof value === 'string' ? [value] : value);
/** Multipart sends booleans as text. */
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ChannelQueryDto {
  @ApiPropertyOptional({ enum: ['id', 'en'], description: 'Language of the category labels (default id)' })
  @IsOptional()
  @IsIn(['id', 'en'])
  lang?: 'id' | 'en';
}

export class ChannelRecipientDto {
  @ApiProperty({ description: 'A partner id, or "satgas"' }) id: string;
  @ApiProperty({ enum: ['partner', 'satgas'] }) kind: 'partner' | 'satgas';
  @ApiProperty() name: string;
}

export class ChannelCategoryDto {
  @ApiProperty({ enum: CATEGORIES }) id: Category;
  @ApiProperty() label: string;
}

export class ChannelDto {
  @ApiProperty({ type: Object, example: { name: 'PT Demo' } }) organization: { name: string };
  @ApiProperty({ type: [ChannelRecipientDto] }) recipients: ChannelRecipientDto[];
  @ApiProperty({ type: [ChannelCategoryDto] }) categories: ChannelCategoryDto[];
}

/** What a report says, whoever writes it down: the reporter on the public form or a handler from a phone call. */
class ReportFieldsDto {
  @ApiProperty({ enum: CATEGORIES })
  @IsIn(CATEGORIES)
  category: Category;

  @ApiProperty({ maxLength: DESCRIPTION_MAX })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(DESCRIPTION_MAX)
  description: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'How the handlers may reach the reporter, if they choose to leave one' })
  @Transform(trim)
  @IsOptional()
  @IsString()
  @MaxLength(500)
  contact?: string;
}

export class SubmitReportDto extends ReportFieldsDto {
  @ApiProperty({ type: [String], description: 'At least one partner id; "satgas" only if the reporter wants' })
  @Transform(toArray)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  recipientIds: string[];

  @ApiProperty({ description: 'Whether a partner may refer the case to the Satgas' })
  @Transform(toBoolean)
  @IsBoolean()
  allowSatgasReferral: boolean;
}

export class ReceiptDto {
  @ApiProperty({ example: '4821093375016642', description: '16 digits, shown once' }) receipt: string;
}

export class ReporterSessionDto {
  @ApiProperty({ example: '4821 0933 7501 6642', description: 'Spaces and dashes are ignored' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  receipt: string;
}

export class TokenDto {
  @ApiProperty() token: string;
}

export class MessageDto {
  @ApiProperty({ maxLength: MESSAGE_MAX })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(MESSAGE_MAX)
  text: string;
}

export class ReportMessageDto {
  @ApiProperty({ enum: ['reporter', 'handler'] }) from: 'reporter' | 'handler';
  @ApiProperty({ description: 'null once the content was deleted after the retention period', nullable: true }) text: string | null;
  @ApiProperty({ description: 'ISO time, kept only inside the encrypted message' }) at: string;
}

export class AttachmentDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() size: number;
}

export class ReporterReportDto {
  @ApiProperty({ enum: CATEGORIES }) category: Category;
  @ApiProperty({ nullable: true }) description: string | null;
  @ApiProperty({ enum: STATUSES }) status: CaseStatus;
  @ApiProperty({ example: '2026-12-05' }) createdOn: string;
  @ApiProperty({ type: [ReportMessageDto] }) messages: ReportMessageDto[];
  @ApiProperty({ type: [AttachmentDto] }) attachments: AttachmentDto[];
}

export class CaseSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() organizationName: string;
  @ApiProperty({ enum: CATEGORIES }) category: Category;
  @ApiProperty({ enum: STATUSES }) status: CaseStatus;
  @ApiProperty() createdOn: string;
  @ApiProperty() unread: boolean;
}

export class CaseDto extends ReporterReportDto {
  @ApiProperty() id: string;
  @ApiProperty() organizationName: string;
  @ApiProperty({ nullable: true }) contact: string | null;
  @ApiProperty() allowSatgasReferral: boolean;
  @ApiProperty({ enum: OUTCOMES, nullable: true }) outcome: Outcome | null;
  @ApiProperty({ nullable: true }) closedOn: string | null;
  @ApiProperty({ type: [Object], description: 'Chosen recipients: [{ kind, name }]' }) recipients: { kind: 'partner' | 'satgas'; name: string }[];
  @ApiProperty({ description: 'true once the content was deleted after the retention period' }) contentDeleted: boolean;
}

export class UpdateCaseDto {
  @ApiProperty({ enum: STATUSES })
  @IsIn(STATUSES)
  status: CaseStatus;

  @ApiPropertyOptional({ enum: OUTCOMES, description: 'Required when status is closed' })
  @IsOptional()
  @IsIn(OUTCOMES)
  outcome?: Outcome;
}

export class ShareCaseDto {
  @ApiProperty({ description: 'A confirmed case handler of the same partner' })
  @IsUUID()
  userId: string;
}

export class SatgasMembersDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  userIds: string[];
}

export class InviteCaseHandlerDto {
  @ApiProperty()
  @Transform(trim)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsVisibleText()
  name: string;
}

export class CaseSettingsDto {
  @ApiProperty({ minimum: 90, maximum: 36500, description: 'Days after a case closes before its content is deleted' })
  @IsInt()
  @Min(90)
  @Max(36500)
  caseRetentionDays: number;
}

export class RecoveryKeyDto {
  @ApiProperty({ example: '1a2b-3c4d-…', description: 'Shown once: store it offline' }) recoveryKey: string;
}

export class CaseStatisticsQueryDto {
  @ApiProperty({ enum: ['category', 'status'] })
  @IsIn(['category', 'status'])
  groupBy: 'category' | 'status';

  @ApiPropertyOptional({ description: 'Required of an engaged auditor; HR reads its own organisation' })
  @IsOptional()
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId?: string;
}

export class CaseLogQueryDto {
  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  afterSeq?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

/** `POST /api/cases/phone-reports`: what a handler writes down from a caller (no files over the phone). */
export class PhoneReportDto extends ReportFieldsDto {
  @ApiPropertyOptional({ description: 'The organisation’s code (as in /report/:orgCode); required unless organizationId is given' })
  @ValidateIf((o: PhoneReportDto) => o.organizationId === undefined)
  @IsString({ message: 'organizationCode (or organizationId) is required' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,39}$/, { message: 'organizationCode must be an organisation code (lower-case letters, digits, dashes)' })
  organizationCode?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId?: string;

  @ApiProperty({ description: 'Whether the caller allows the partner to refer the case to the Satgas' })
  @IsBoolean()
  allowSatgasReferral: boolean;
}

export class PhoneReceiptDto {
  @ApiProperty({ example: '4821093375016642', description: '16 digits, shown once: read it to the caller' }) receipt: string;
  @ApiProperty({ format: 'uuid', description: 'The new case, already in the recording handler’s inbox' }) caseId: string;
}
