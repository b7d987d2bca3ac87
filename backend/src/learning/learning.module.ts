import { MailModule } from '../mail/mail.module';
import { QuizOptionIds } from './quiz-option-ids';
import { Module } from '@nestjs/common';
import { AuditTrailModule } from '../audit-trail/audit-trail.module';
import { CatalogModule } from '../catalog/catalog.module';
import { CertificatesModule } from '../certificates/certificates.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { InteractiveController } from './interactive.controller';
import { InteractiveRepository } from './interactive.repository';
import { InteractiveService } from './interactive.service';
import { LearningController } from './learning.controller';
import { LearningRepository } from './learning.repository';
import { LearningService } from './learning.service';

@Module({
  imports: [AuditTrailModule, CatalogModule, CertificatesModule, MailModule, OrganizationsModule],
  controllers: [LearningController, InteractiveController],
  providers: [LearningService, LearningRepository, QuizOptionIds, InteractiveService, InteractiveRepository],
  exports: [LearningService, InteractiveService],
})
export class LearningModule {}
