import { Module } from '@nestjs/common';
import { AuditTrailModule } from '../audit-trail/audit-trail.module';
import { LargeSeeder } from './large-seeder';
import { ReportingController } from './reporting.controller';
import { ReportingRepository } from './reporting.repository';
import { ReportingService } from './reporting.service';

/** Completion reports: reads the per-person state the reporting triggers keep (never writes others' data). */
@Module({
  imports: [AuditTrailModule],
  controllers: [ReportingController],
  providers: [ReportingService, ReportingRepository, LargeSeeder],
  exports: [ReportingService],
})
export class ReportingModule {}
