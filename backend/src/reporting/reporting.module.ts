import { Module } from '@nestjs/common';
import { AuditTrailModule } from '../audit-trail/audit-trail.module';
import { KnowledgeGainController } from './knowledge-gain.controller';
import { KnowledgeGainRepository } from './knowledge-gain.repository';
import { KnowledgeGainService } from './knowledge-gain.service';
import { LargeSeeder } from './large-seeder';
import { PeopleExportController } from './people-export.controller';
import { PeopleExportRepository } from './people-export.repository';
import { PeopleExportService } from './people-export.service';
import { ReportingController } from './reporting.controller';
import { ReportingRepository } from './reporting.repository';
import { ReportingService } from './reporting.service';

/** Completion reports: reads the per-person state the reporting triggers keep (never writes others' data). */
@Module({
  imports: [AuditTrailModule],
  controllers: [ReportingController, PeopleExportController, KnowledgeGainController],
  providers: [ReportingService, ReportingRepository, LargeSeeder, PeopleExportRepository, PeopleExportService, KnowledgeGainService, KnowledgeGainRepository],
  exports: [ReportingService, KnowledgeGainService],
})
export class ReportingModule {}
