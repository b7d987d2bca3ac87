import { Module } from '@nestjs/common';
import { AuditTrailModule } from '../audit-trail/audit-trail.module';
import { ReportingModule } from '../reporting/reporting.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { SurveysController } from './surveys.controller';
import { SurveysRepository } from './surveys.repository';
import { SurveysService } from './surveys.service';

/** Anonymous climate surveys: waves, responses and their suppressed results. */
@Module({
  imports: [AuditTrailModule, ReportingModule, TenancyModule],
  controllers: [SurveysController],
  providers: [SurveysService, SurveysRepository],
  exports: [SurveysService],
})
export class SurveysModule {}
