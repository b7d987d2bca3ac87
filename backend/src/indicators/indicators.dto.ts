import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

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
