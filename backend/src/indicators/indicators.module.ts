import { forwardRef, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuditTrailModule } from '../audit-trail/audit-trail.module';
import { ReportChannelModule } from '../report-channel/report-channel.module';
import { ReportingModule } from '../reporting/reporting.module';
import { SurveysModule } from '../surveys/surveys.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { IndicatorsController } from './indicators.controller';
import { IndicatorsRepository } from './indicators.repository';
import { IndicatorsService } from './indicators.service';

/**
 * Agreed indicators. Reads findings through the audit module, which in turn stores each report's
 * snapshot through this one: the modules refer to each other lazily (their services do not).
 */
@Module({
  imports: [AuditTrailModule, ReportChannelModule, ReportingModule, SurveysModule, TenancyModule, forwardRef(() => AuditModule)],
  controllers: [IndicatorsController],
  providers: [IndicatorsService, IndicatorsRepository],
  exports: [IndicatorsService],
})
export class IndicatorsModule {}
