import { Module } from '@nestjs/common';
import { AuditTrailModule } from '../audit-trail/audit-trail.module';
import { AuditModule } from '../audit/audit.module';
import { ReportChannelModule } from '../report-channel/report-channel.module';
import { SurveysModule } from '../surveys/surveys.module';
import { DemoReportChannel } from './demo-report-channel';
import { DemoSeeder } from './demo-seeder';
import { DemoSurveys } from './demo-surveys';

@Module({ imports: [AuditTrailModule, ReportChannelModule, SurveysModule, AuditModule], providers: [DemoSeeder, DemoReportChannel, DemoSurveys], exports: [DemoSeeder] })
export class DemoModule {}
