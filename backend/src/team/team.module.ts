import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module';
import { TeamController } from './team.controller';
import { TeamRepository } from './team.repository';
import { TeamService } from './team.service';

/** Leaders' view of the people in their unit and below, with a per-person reminder. */
@Module({
  imports: [AssignmentsModule],
  controllers: [TeamController],
  providers: [TeamRepository, TeamService],
  exports: [TeamService],
})
export class TeamModule {}
