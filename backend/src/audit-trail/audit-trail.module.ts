import { Module } from '@nestjs/common';
import { AuditTrailRepository } from './audit-trail.repository';
import { AuditTrailService } from './audit-trail.service';

@Module({
  providers: [AuditTrailRepository, AuditTrailService],
  exports: [AuditTrailService],
})
export class AuditTrailModule {}
