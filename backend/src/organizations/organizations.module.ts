import { Module } from '@nestjs/common';
import { AuditTrailModule } from '../audit-trail/audit-trail.module';
import { IdentityModule } from '../identity/identity.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsRepository } from './organizations.repository';
import { OrganizationsService } from './organizations.service';
import { SetupStatusController } from './setup-status.controller';
import { SetupStatusRepository } from './setup-status.repository';
import { SetupStatusService } from './setup-status.service';
import { UnitsController } from './units.controller';
import { UnitsRepository } from './units.repository';
import { UnitsService } from './units.service';

@Module({
  imports: [AuditTrailModule, IdentityModule, TenancyModule],
  controllers: [OrganizationsController, UnitsController, SetupStatusController],
  providers: [OrganizationsService, OrganizationsRepository, UnitsService, UnitsRepository, SetupStatusService, SetupStatusRepository],
  exports: [OrganizationsService],
})
export class OrganizationsModule {}
