import { Module } from '@nestjs/common';
import { AuditTrailModule } from '../audit-trail/audit-trail.module';
import { RateLimiter } from '../common/rate-limit';
import { DocumentsModule } from '../documents/documents.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { CertificatesController } from './certificates.controller';
import { CertificatesRepository } from './certificates.repository';
import { CertificatesService } from './certificates.service';

@Module({
  imports: [AuditTrailModule, DocumentsModule, TenancyModule],
  controllers: [CertificatesController],
  providers: [CertificatesService, CertificatesRepository, RateLimiter],
  exports: [CertificatesService],
})
export class CertificatesModule {}
