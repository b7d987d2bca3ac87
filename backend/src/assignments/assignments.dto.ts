import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const AUDIENCES = ['everyone', 'leaders', 'staff', 'satgas'] as const;
export const EMPLOYMENT_TYPES = ['permanent', 'contract', 'intern', 'volunteer'] as const;
export const DUE_FROM = ['rule_start', 'hire_date', 'became_leader'] as const;
export type Audience = (typeof AUDIENCES)[number];
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];
export type DueFrom = (typeof DUE_FROM)[number];

/** Without `windowDays`, a recurring rule opens the next cycle 30 days before the completion expires. */
export const DEFAULT_RECURRENCE_WINDOW_DAYS = 30;

export class RecurrenceDto {
  @ApiProperty({ description: 'Open a new cycle before the completion expires (recertification)' })
  @IsBoolean({ message: 'recurrence.enabled must be true or false' })
  enabled: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 365, default: DEFAULT_RECURRENCE_WINDOW_DAYS, description: 'How many days before expiry the next cycle opens' })
  @IsOptional()
  @IsInt({ message: 'recurrence.windowDays must be a whole number of days' })
  @Min(1, { message: 'recurrence.windowDays must be between 1 and 365' })
  @Max(365, { message: 'recurrence.windowDays must be between 1 and 365' })
  windowDays?: number;
}

export class UpdateAssignmentRuleDto {
  @ApiPropertyOptional({ enum: AUDIENCES })
  @IsOptional()
  @IsIn(AUDIENCES, { message: 'audience must be one of: everyone, leaders, staff, satgas' })
  audience?: Audience;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Only people in this unit or below it; null for the whole organisation' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string | null;

  @ApiPropertyOptional({ enum: EMPLOYMENT_TYPES, nullable: true, description: 'Only people of this employment type; null for all' })
  @IsOptional()
  @IsIn(EMPLOYMENT_TYPES, { message: 'employmentType must be one of: permanent, contract, intern, volunteer' })
  employmentType?: EmploymentType | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 365 })
  @IsOptional()
  @IsInt({ message: 'dueWithinDays must be a whole number of days' })
  @Min(1, { message: 'dueWithinDays must be between 1 and 365' })
  @Max(365, { message: 'dueWithinDays must be between 1 and 365' })
  dueWithinDays?: number;

  @ApiPropertyOptional({ enum: DUE_FROM, description: "The date dueWithinDays counts from: the rule's start, the person's hire date, or the day they became a leader" })
  @IsOptional()
  @IsIn(DUE_FROM, { message: 'dueFrom must be one of: rule_start, hire_date, became_leader' })
  dueFrom?: DueFrom;

  @ApiPropertyOptional({ type: RecurrenceDto })
  @IsOptional()
  @IsObject({ message: 'recurrence must be an object { enabled, windowDays? }' })
  @ValidateNested()
  @Type(() => RecurrenceDto)
  recurrence?: RecurrenceDto;

  @ApiPropertyOptional({ nullable: true, type: String, example: '2026-01-01', description: 'Only people hired after this date (their hireDate is later); null for everyone' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'hiredAfter must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'hiredAfter must be a real calendar date' })
  hiredAfter?: string | null;
}

export class CreateAssignmentRuleDto {
  @ApiProperty({ example: 'recognising-harassment' })
  @Transform(trim)
  @IsString({ message: 'moduleSlug must be a module slug' })
  @IsNotEmpty({ message: 'moduleSlug should not be empty' })
  @MaxLength(100)
  moduleSlug: string;

  @ApiProperty({
    enum: AUDIENCES,
    description: '`satgas` reaches the people designated as Satgas members (report channel), whatever their role; it is the audience for modules written for the Satgas',
  })
  @IsIn(AUDIENCES, { message: 'audience must be one of: everyone, leaders, staff, satgas' })
  audience: Audience;

  @ApiPropertyOptional({ type: String, description: 'Only people in this unit or below it' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string | null;

  @ApiPropertyOptional({ enum: EMPLOYMENT_TYPES, description: 'Only people of this employment type' })
  @IsOptional()
  @IsIn(EMPLOYMENT_TYPES, { message: 'employmentType must be one of: permanent, contract, intern, volunteer' })
  employmentType?: EmploymentType | null;

  @ApiProperty({ minimum: 1, maximum: 365, example: 30 })
  @IsInt({ message: 'dueWithinDays must be a whole number of days' })
  @Min(1, { message: 'dueWithinDays must be between 1 and 365' })
  @Max(365, { message: 'dueWithinDays must be between 1 and 365' })
  dueWithinDays: number;

  @ApiProperty({ enum: DUE_FROM, description: "The date dueWithinDays counts from: the rule's start, the person's hire date, or the day they became a leader" })
  @IsIn(DUE_FROM, { message: 'dueFrom must be one of: rule_start, hire_date, became_leader' })
  dueFrom: DueFrom;

  @ApiPropertyOptional({ type: RecurrenceDto, description: 'Defaults to { enabled: false }' })
  @IsOptional()
  @IsObject({ message: 'recurrence must be an object { enabled, windowDays? }' })
  @ValidateNested()
  @Type(() => RecurrenceDto)
  recurrence?: RecurrenceDto;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: '2026-01-01',
    description: 'Only people hired after this date (hireDate later than it; people without a hire date are left out); omitted or null for everyone',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'hiredAfter must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'hiredAfter must be a real calendar date' })
  hiredAfter?: string | null;
}

export class RulePreviewDto {
  @ApiProperty({ description: 'People the rule would open an assignment for if saved now' }) count: number;
}

export class AssignmentRuleDto {
  @ApiProperty() id: string;
  @ApiProperty() moduleSlug: string;
  @ApiProperty({ enum: AUDIENCES }) audience: Audience;
  @ApiProperty({ nullable: true, type: String }) unitId: string | null;
  @ApiProperty({ enum: EMPLOYMENT_TYPES, nullable: true }) employmentType: EmploymentType | null;
  @ApiProperty() dueWithinDays: number;
  @ApiProperty({ enum: DUE_FROM }) dueFrom: DueFrom;
  @ApiProperty({ type: RecurrenceDto }) recurrence: { enabled: boolean; windowDays: number | null };
  @ApiProperty({ nullable: true, type: String, description: 'YYYY-MM-DD: only people hired after it' }) hiredAfter: string | null;
  @ApiProperty({ example: '2026-11-25', description: "The organisation's date when the rule was created (base of rule_start)" }) startsOn: string;
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'Assignments opened by this rule that are still open' }) openAssignments: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class AssignmentRuleChangeDto extends AssignmentRuleDto {
  @ApiProperty({ description: 'Assignments this change opened right away' }) assignmentsOpened: number;
}

export class ReminderSettingsDto {
  @ApiProperty({ minimum: 0, maximum: 23, default: 8, description: "Local hour (organisation's time zone) after which the daily job runs" })
  @IsInt({ message: 'reminderHour must be a whole hour 0–23' })
  @Min(0, { message: 'reminderHour must be between 0 and 23' })
  @Max(23, { message: 'reminderHour must be between 0 and 23' })
  reminderHour: number;

  @ApiProperty({ type: [Number], example: [7, 1], description: 'Days before the due date on which a reminder goes out (0 = on the day)' })
  @IsArray({ message: 'remindDaysBefore must be a list of day counts' })
  @ArrayMaxSize(5, { message: 'remindDaysBefore may hold at most 5 day counts' })
  @ArrayUnique({ message: 'remindDaysBefore must not repeat a day count' })
  @IsInt({ each: true, message: 'remindDaysBefore must hold whole numbers of days' })
  @Min(0, { each: true, message: 'remindDaysBefore must hold day counts between 0 and 90' })
  @Max(90, { each: true, message: 'remindDaysBefore must hold day counts between 0 and 90' })
  remindDaysBefore: number[];

  @ApiProperty({ minimum: 1, maximum: 365, default: 7, description: "Days overdue after which the leaders of the person's unit are told" })
  @IsInt({ message: 'escalateAfterDays must be a whole number of days' })
  @Min(1, { message: 'escalateAfterDays must be between 1 and 365' })
  @Max(365, { message: 'escalateAfterDays must be between 1 and 365' })
  escalateAfterDays: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 60, default: 7, description: 'While overdue: a reminder on day 1, then every this many days' })
  @IsOptional()
  @IsInt({ message: 'overdueEveryDays must be a whole number of days' })
  @Min(1, { message: 'overdueEveryDays must be between 1 and 60' })
  @Max(60, { message: 'overdueEveryDays must be between 1 and 60' })
  overdueEveryDays?: number;
}

export class PersonAssignmentsQueryDto {
  @ApiProperty({ description: 'The person whose assignments to list' })
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId: string;

  @ApiPropertyOptional({ enum: ['id', 'en'], description: "Module titles in this language; defaults to the caller's" })
  @IsOptional()
  @IsIn(['id', 'en'], { message: 'lang must be one of: id, en' })
  lang?: 'id' | 'en';
}

export class ExtendAssignmentDto {
  @ApiProperty({ example: '2026-12-31', description: "The new due date, a calendar date in the organisation's time zone; later than the current one" })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'dueOn must be a real calendar date' })
  dueOn: string;

  @ApiProperty({ maxLength: 500 })
  @Transform(trim)
  @IsString({ message: 'reason must be text' })
  @IsNotEmpty({ message: 'reason should not be empty' })
  @MaxLength(500, { message: 'reason must be at most 500 characters' })
  reason: string;
}

export class ExemptAssignmentDto {
  @ApiProperty({ maxLength: 500 })
  @Transform(trim)
  @IsString({ message: 'reason must be text' })
  @IsNotEmpty({ message: 'reason should not be empty' })
  @MaxLength(500, { message: 'reason must be at most 500 characters' })
  reason: string;
}

export class PersonAssignmentDto {
  @ApiProperty() id: string;
  @ApiProperty() module: { slug: string; title: string; audience: string };
  @ApiProperty({ enum: ['not_started', 'in_progress', 'completed', 'overdue', 'expired', 'exempted'] }) status: string;
  @ApiProperty({ description: 'True for the latest assignment of each module, exempted or not (an exempted one has status `exempted`)' }) current: boolean;
  @ApiProperty({ example: '2026-12-31' }) dueOn: string;
  @ApiProperty() assignedAt: Date;
  @ApiProperty({ nullable: true, type: Date }) startedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) completedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) expiresOn: string | null;
  @ApiProperty({ nullable: true, type: Date }) exemptedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) exemptReason: string | null;
  @ApiProperty({ nullable: true, type: String }) ruleId: string | null;
  @ApiProperty({ description: 'How many times the due date was extended' }) extensions: number;
}

export class AssignmentReasonDto {
  @ApiProperty({ enum: ['extension', 'exemption', 'exemption_undone'] }) kind: 'extension' | 'exemption' | 'exemption_undone';
  @ApiProperty() at: Date;
  @ApiProperty({ description: 'As HR wrote it; it can hold health data, so it never leaves the organisation’s tables' }) reason: string;
  @ApiProperty({ nullable: true, type: String, description: '32 hex characters; null for reasons recorded before digests were kept' })
  salt: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'sha256 hex of the salt followed by the reason (UTF-8): the `reasonDigest` of the matching trail entry',
  })
  digest: string | null;
}

export const MAX_MANUAL_ASSIGN = 1000;

export class AssignModuleDto {
  @ApiProperty({ example: 'recognising-harassment' })
  @Transform(trim)
  @IsString({ message: 'moduleSlug must be a module slug' })
  @IsNotEmpty({ message: 'moduleSlug should not be empty' })
  @MaxLength(100)
  moduleSlug: string;

  @ApiProperty({ type: [String], description: `The people (1 to ${MAX_MANUAL_ASSIGN} ids)` })
  @IsArray({ message: 'userIds must be a list of person ids' })
  @ArrayNotEmpty({ message: 'userIds must name at least one person' })
  @ArrayMaxSize(MAX_MANUAL_ASSIGN, { message: `userIds may hold at most ${MAX_MANUAL_ASSIGN} people; send a larger selection in parts` })
  @IsUUID('all', { each: true, message: 'userIds must hold person ids (UUIDs)' })
  userIds: string[];

  @ApiProperty({ example: '2026-12-31', description: "The due date, a calendar date in the organisation's time zone, today or later" })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'dueOn must be a real calendar date' })
  dueOn: string;
}

export class PersonRefDto {
  @ApiProperty() userId: string;
  @ApiProperty() name: string;
}

export class AssignModuleResultDto {
  @ApiProperty({ description: 'Assignments opened now' }) assigned: number;
  @ApiProperty({ type: [PersonRefDto], description: 'People who already have this module open: left as they are' }) alreadyAssigned: PersonRefDto[];
  @ApiProperty({ type: [PersonRefDto], description: 'People whose completion of this module is still valid: left as they are' }) alreadyCompleted: PersonRefDto[];
  @ApiProperty({ description: 'Ids that are not active people of the organisation' }) notFound: number;
}

export class SendRemindersDto {
  @ApiPropertyOptional({ type: [String], description: 'These people (1 to 5000 ids); or leave out and give a filter' })
  @IsOptional()
  @IsArray({ message: 'userIds must be a list of person ids' })
  @ArrayNotEmpty({ message: 'userIds must name at least one person' })
  @ArrayMaxSize(5000, { message: 'userIds may hold at most 5000 people; send a larger selection in parts' })
  @IsUUID('all', { each: true, message: 'userIds must hold person ids (UUIDs)' })
  userIds?: string[];

  @ApiPropertyOptional({ description: 'Filter: people in this unit or below it' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string;

  @ApiPropertyOptional({ description: 'Filter: people with this module open (its slug)' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,100}$/, { message: 'module must be a module slug, e.g. recognising-harassment' })
  module?: string;

  @ApiPropertyOptional({ enum: ['not_started', 'in_progress', 'overdue'], description: 'Filter: people with an open assignment in this status' })
  @IsOptional()
  @IsIn(['not_started', 'in_progress', 'overdue'], { message: 'status must be one of: not_started, in_progress, overdue' })
  status?: 'not_started' | 'in_progress' | 'overdue';
}

export class SendRemindersResultDto {
  @ApiProperty({ description: 'Reminders queued in the outbox now' }) queued: number;
  @ApiProperty({ description: 'People the caller already reminded today (one per person, sender and day)' }) alreadyRemindedToday: number;
  @ApiProperty({ description: 'People with nothing open' }) nothingOpen: number;
  @ApiProperty({ description: 'People without an email address' }) noEmail: number;
  @ApiProperty({ description: 'Ids that are not active people of the organisation' }) notFound: number;
}
