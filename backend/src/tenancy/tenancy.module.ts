import { Module } from '@nestjs/common';
import { AuditTrailModule } from '../audit-trail/audit-trail.module';
import { TenancyGuard } from './tenancy.guard';
import { TenancyRepository } from './tenancy.repository';

@Module({ imports: [AuditTrailModule], providers: [TenancyGuard, TenancyRepository], exports: [TenancyGuard, TenancyRepository] })
export class TenancyModule {}
