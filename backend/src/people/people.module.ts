import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module';
import { AuditTrailModule } from '../audit-trail/audit-trail.module';
import { IdentityModule } from '../identity/identity.module';
import { PeopleImportService } from './people-import.service';
import { PeopleInvitationsController } from './people-invitations.controller';
import { PeopleInvitationsRepository } from './people-invitations.repository';
import { PeopleInvitationsService } from './people-invitations.service';
import { PeopleController } from './people.controller';
import { PeopleRepository } from './people.repository';
import { PeopleService } from './people.service';

/**
 * HR's management of the organisation's people: one at a time and by CSV import. Accounts, sign-in
 * and the people list stay in identity; this module writes people and calls the assignment rules.
 */
@Module({
  imports: [AuditTrailModule, IdentityModule, AssignmentsModule],
  controllers: [PeopleController, PeopleInvitationsController],
  providers: [PeopleService, PeopleImportService, PeopleRepository, PeopleInvitationsService, PeopleInvitationsRepository],
  exports: [PeopleService],
})
export class PeopleModule {}
