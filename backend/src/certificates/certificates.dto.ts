import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../common/pagination';

export class RevokeCertificateDto {
  @ApiProperty({ description: 'Why the certificate is revoked (kept in the audit trail)' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty({ message: 'reason should not be empty: say why the certificate is revoked' })
  @MaxLength(500)
  reason: string;
}

export class CertificatesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Holder name or serial' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ enum: ['valid', 'expired', 'revoked'] })
  @IsOptional()
  @IsIn(['valid', 'expired', 'revoked'], { message: 'status must be one of: valid, expired, revoked' })
  status?: string;
}

export class VerificationResponseDto {
  @ApiProperty() serial: string;
  @ApiProperty({ description: 'False when expired or revoked' }) valid: boolean;
  @ApiProperty({ example: 'S*** W***' }) holder: string;
  @ApiProperty({ description: 'The module title' }) module: string;
  @ApiProperty() organization: string;
  @ApiProperty() issuedAt: Date;
  @ApiProperty({ example: '2027-11-25' }) expiresAt: string;
  @ApiProperty() revoked: boolean;
  @ApiProperty() expired: boolean;
}
