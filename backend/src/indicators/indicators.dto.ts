import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_PAGE } from '../common/pagination';

export class DecideIndicatorsDto {
  @ApiPropertyOptional({ default: true, description: 'false: comment without accepting (then `comment` is required)' })
  @IsOptional()
  @IsBoolean({ message: 'accept must be true or false' })
  accept?: boolean;
  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'comment must be text' })
  @MaxLength(4000, { message: 'comment must be at most 4000 characters' })
  comment?: string;
}

export class IndicatorsLangDto {
  @ApiPropertyOptional({ enum: ['id', 'en'] })
  @IsOptional()
  @IsIn(['id', 'en'], { message: 'lang must be one of: id, en' })
  lang?: 'id' | 'en';
}

/**
 * The partner's side-by-side page: organisations per page are few because each one's figures are
 * computed live (the same services as the dashboards).
 */
export class SideBySideQueryDto extends IndicatorsLangDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 20, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  pageSize = 10;
}
