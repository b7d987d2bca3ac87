import { Module } from '@nestjs/common';
import { AuditTrailModule } from '../audit-trail/audit-trail.module';
import { CatalogModule } from '../catalog/catalog.module';
import { RateLimiter } from '../common/rate-limit';
import { DocumentsModule } from '../documents/documents.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { CertificatesBulkController } from './certificates-bulk.controller';
import { CertificatesBulkRepository } from './certificates-bulk.repository';
import { CertificatesBulkService } from './certificates-bulk.service';
import { CertificatesController } from './certificates.controller';
import { CertificatesRepository } from './certificates.repository';
import { CertificatesService } from './certificates.service';

@Module({
  imports: [AuditTrailModule, CatalogModule, DocumentsModule, TenancyModule],
  controllers: [CertificatesBulkController, CertificatesController],
  providers: [CertificatesService, CertificatesRepository, CertificatesBulkRepository, CertificatesBulkService, RateLimiter],
  exports: [CertificatesService],
})
export class CertificatesModule {}
