import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AuditTrailModule } from '../audit-trail/audit-trail.module';
import { MailModule } from '../mail/mail.module';
import { AssignmentRulesController } from './assignment-rules.controller';
import { AssignmentRulesRepository } from './assignment-rules.repository';
import { AssignmentRulesService } from './assignment-rules.service';
import { AssignmentsController } from './assignments.controller';
import { AssignmentsRepository } from './assignments.repository';
import { AssignmentsService } from './assignments.service';
import { ManualRemindersRepository } from './manual-reminders.repository';
import { ManualRemindersService } from './manual-reminders.service';
import { RemindersRepository } from './reminders.repository';
import { RemindersService } from './reminders.service';

/**
 * Assignment rules, HR's actions on assignments, and the daily job that applies the rules and sends
 * reminders. ScheduleModule is registered here because app.module.ts does not register it.
 */
@Module({
  imports: [ScheduleModule.forRoot(), AuditTrailModule, MailModule],
  controllers: [AssignmentRulesController, AssignmentsController],
  providers: [
    AssignmentRulesRepository,
    AssignmentRulesService,
    AssignmentsRepository,
    AssignmentsService,
    ManualRemindersRepository,
    ManualRemindersService,
    RemindersRepository,
    RemindersService,
  ],
  exports: [AssignmentRulesService, ManualRemindersService, RemindersService],
})
export class AssignmentsModule {}
