import { Module } from '@nestjs/common';
import { AuditTrailModule } from '../audit-trail/audit-trail.module';
import { CatalogModule } from '../catalog/catalog.module';
import { CertificatesModule } from '../certificates/certificates.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { LearningController } from './learning.controller';
import { LearningRepository } from './learning.repository';
import { LearningService } from './learning.service';

@Module({
  imports: [AuditTrailModule, CatalogModule, CertificatesModule, OrganizationsModule],
  controllers: [LearningController],
  providers: [LearningService, LearningRepository],
  exports: [LearningService],
})
export class LearningModule {}
