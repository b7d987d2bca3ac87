import { MailModule } from '../mail/mail.module';
import { QuizOptionIds } from './quiz-option-ids';
import { Module } from '@nestjs/common';
import { AuditTrailModule } from '../audit-trail/audit-trail.module';
import { CatalogModule } from '../catalog/catalog.module';
import { CertificatesModule } from '../certificates/certificates.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { LearningController } from './learning.controller';
import { LearningRepository } from './learning.repository';
import { LearningService } from './learning.service';

@Module({
  imports: [AuditTrailModule, CatalogModule, CertificatesModule, MailModule, OrganizationsModule],
  controllers: [LearningController],
  providers: [LearningService, LearningRepository, QuizOptionIds],
  exports: [LearningService],
})
export class LearningModule {}
