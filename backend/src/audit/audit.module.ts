import { forwardRef, Module } from '@nestjs/common';
import { AuditTrailModule } from '../audit-trail/audit-trail.module';
import { DocumentsModule } from '../documents/documents.module';
import { IndicatorsModule } from '../indicators/indicators.module';
import { JobsModule } from '../jobs/jobs.module';
import { MailModule } from '../mail/mail.module';
import { ReportChannelModule } from '../report-channel/report-channel.module';
import { ReportingModule } from '../reporting/reporting.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { AuditLogRepository } from './audit-log.repository';
import { AuditLogService } from './audit-log.service';
import { AuditReportsRepository } from './audit-reports.repository';
import { AuditReportsService } from './audit-reports.service';
import { AuditController } from './audit.controller';
import { FindingsRepository } from './findings.repository';
import { FindingsService } from './findings.service';
import { ReportSchedulesService } from './report-schedules.service';
import { SigningKeysService } from './signing-keys.service';

/** The audit area: reads the trail and the other domains, never writes their data. */
@Module({
  imports: [AuditTrailModule, DocumentsModule, JobsModule, MailModule, ReportingModule, ReportChannelModule, TenancyModule, forwardRef(() => IndicatorsModule)],
  controllers: [AuditController],
  providers: [
    AuditLogRepository,
    AuditLogService,
    AuditReportsRepository,
    AuditReportsService,
    FindingsRepository,
    FindingsService,
    ReportSchedulesService,
    SigningKeysService,
  ],
  // The agreed indicators read findings closed on time (indicators/); the demo signs its archived reports.
  exports: [FindingsService, SigningKeysService],
})
export class AuditModule {}
