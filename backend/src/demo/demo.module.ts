import { Module } from '@nestjs/common';
import { AuditTrailModule } from '../audit-trail/audit-trail.module';
import { ReportChannelModule } from '../report-channel/report-channel.module';
import { DemoReportChannel } from './demo-report-channel';
import { DemoSeeder } from './demo-seeder';

@Module({ imports: [AuditTrailModule, ReportChannelModule], providers: [DemoSeeder, DemoReportChannel], exports: [DemoSeeder] })
export class DemoModule {}
