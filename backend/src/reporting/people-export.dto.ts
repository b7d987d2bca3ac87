import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';

export const PEOPLE_EXPORT_STATUSES = ['not_started', 'in_progress', 'completed', 'overdue', 'expired', 'none'] as const;

export class PeopleExportQueryDto {
  @ApiPropertyOptional({ description: 'Only current assignments of this module (its slug)' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,100}$/, { message: 'module must be a module slug, e.g. recognising-harassment' })
  module?: string;

  @ApiPropertyOptional({ description: 'Only people in this unit or below it' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string;

  @ApiPropertyOptional({ enum: PEOPLE_EXPORT_STATUSES, description: 'Only assignments in this status; `none`: people with nothing assigned' })
  @IsOptional()
  @IsIn(PEOPLE_EXPORT_STATUSES, { message: `status must be one of: ${PEOPLE_EXPORT_STATUSES.join(', ')}` })
  status?: (typeof PEOPLE_EXPORT_STATUSES)[number];

  @ApiPropertyOptional({ enum: ['id', 'en'], description: "Language of headers and values; the caller's own by default" })
  @IsOptional()
  @IsIn(['id', 'en'], { message: 'lang must be one of: id, en' })
  lang?: 'id' | 'en';
}
