import { Module } from '@nestjs/common';
import { AuditTrailModule } from '../audit-trail/audit-trail.module';
import { DemoSeeder } from './demo-seeder';

@Module({ imports: [AuditTrailModule], providers: [DemoSeeder], exports: [DemoSeeder] })
export class DemoModule {}
