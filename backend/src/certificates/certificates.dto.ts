import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
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
  @ApiPropertyOptional({ description: 'Only certificates of this module (its slug)' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,99}$/, { message: 'module must be a module slug, e.g. recognising-harassment' })
  module?: string;
  @ApiPropertyOptional({ description: "Only holders in this unit or its sub-units (the holder's current unit)" })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string;
}

export class CertificateListItemDto {
  @ApiProperty() serial: string;
  @ApiProperty({ description: "The holder's name as printed on the certificate" }) holder: string;
  @ApiProperty({ nullable: true, type: String, description: "The holder's current unit" }) unitId: string | null;
  @ApiProperty({ nullable: true, type: String }) unitName: string | null;
  @ApiProperty() moduleSlug: string;
  @ApiProperty({ description: "The module's title in the caller's language" }) module: string;
  @ApiProperty({ description: 'The content version the holder completed' }) moduleVersion: string;
  @ApiProperty() issuedAt: Date;
  @ApiProperty({ example: '2027-11-25' }) expiresOn: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Quiz score 0–100' }) score: number | null;
  @ApiProperty({ nullable: true, type: Date }) revokedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) revokedReason: string | null;
  @ApiProperty({ description: 'Public verifications so far' }) verifications: number;
  @ApiProperty() expired: boolean;
  @ApiProperty({ example: '/api/certificates/ABCD-EFGH-JKLM-NPQR-STUV/pdf', description: 'The PDF (GET; holder, HR, named auditor)' }) pdfUrl: string;
  @ApiProperty({ example: 'https://aman.example.org/verify/ABCD-EFGH-JKLM-NPQR-STUV', description: 'The public verification page' }) verifyUrl: string;
}

export class CertificatePageDto {
  @ApiProperty({ type: CertificateListItemDto, isArray: true }) items: CertificateListItemDto[];
  @ApiProperty({ description: 'Certificates matching the filters, on every page' }) total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
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
