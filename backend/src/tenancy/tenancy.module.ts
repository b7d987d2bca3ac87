import { Module } from '@nestjs/common';
import { AuditTrailModule } from '../audit-trail/audit-trail.module';
import { AccessService } from './access.service';
import { TenancyGuard } from './tenancy.guard';
import { TenancyRepository } from './tenancy.repository';

@Module({ imports: [AuditTrailModule], providers: [AccessService, TenancyGuard, TenancyRepository], exports: [AccessService, TenancyGuard] })
export class TenancyModule {}
