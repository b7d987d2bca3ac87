import { Module } from '@nestjs/common';
import { AuditTrailModule } from '../audit-trail/audit-trail.module';
import { IdentityModule } from '../identity/identity.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsRepository } from './organizations.repository';
import { OrganizationsService } from './organizations.service';
import { UnitsController } from './units.controller';
import { UnitsRepository } from './units.repository';
import { UnitsService } from './units.service';

@Module({
  imports: [AuditTrailModule, IdentityModule, TenancyModule],
  controllers: [OrganizationsController, UnitsController],
  providers: [OrganizationsService, OrganizationsRepository, UnitsService, UnitsRepository],
  exports: [OrganizationsService],
})
export class OrganizationsModule {}
