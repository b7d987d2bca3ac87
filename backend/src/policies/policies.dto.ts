import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../common/pagination';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class TitleDto {
  @ApiProperty() @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(200) id: string;
  @ApiProperty() @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(200) en: string;
}

export class BodyDto {
  @ApiProperty({ description: 'Markdown (raw HTML is escaped)' }) @IsString() @IsNotEmpty() @MaxLength(50000) id: string;
  @ApiProperty({ description: 'Markdown (raw HTML is escaped)' }) @IsString() @IsNotEmpty() @MaxLength(50000) en: string;
}

export class PublishPolicyDto {
  @ApiProperty({ enum: ['policy', 'commitment'], description: '`commitment` is the Deklarasi Komitmen' })
  @IsIn(['policy', 'commitment'], { message: 'kind must be one of: policy, commitment' })
  kind: 'policy' | 'commitment';

  @ApiProperty({ type: TitleDto }) @ValidateNested() @Type(() => TitleDto) title: TitleDto;
  @ApiProperty({ type: BodyDto }) @ValidateNested() @Type(() => BodyDto) body: BodyDto;
}

export class AcknowledgeDto {
  @ApiProperty({ description: 'The signer types their full name as it is on their account' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'typedName should not be empty: type your full name to sign' })
  @MaxLength(200)
  typedName: string;
}

export class SignaturesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['leaders', 'staff'] })
  @IsOptional()
  @IsIn(['leaders', 'staff'], { message: 'group must be one of: leaders, staff' })
  group?: 'leaders' | 'staff';

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only those who signed (true) or not yet (false)' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'signed must be true or false' })
  signed?: 'true' | 'false';
}
