import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../common/actor';
import { requireOrganization } from '../common/tenancy';
import {
  AssignModuleDto,
  AssignModuleResultDto,
  AssignmentReasonDto,
  ExemptAssignmentDto,
  ExtendAssignmentDto,
  PersonAssignmentDto,
  PersonAssignmentsQueryDto,
  SendRemindersDto,
  SendRemindersResultDto,
} from './assignments.dto';
import { ManualRemindersService } from './manual-reminders.service';
import { AssignmentsService } from './assignments.service';

const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('HR')
@Controller('assignments')
@Roles('hr_admin')
export class AssignmentsController {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly reminders: ManualRemindersService,
  ) {}

  @Get()
  @ApiOperation({ summary: "One person's assignments, history included, with statuses on the organisation's date" })
  @ApiOkResponse({ type: PersonAssignmentDto, isArray: true })
  list(@CurrentActor() actor: Actor, @Query() query: PersonAssignmentsQueryDto) {
    return this.assignments.listForPerson(requireOrganization(actor), query.userId, query.lang ?? actor.locale);
  }

  @Post()
  @ApiOperation({
    summary: 'Assigns one module to one person or a selection, by hand, in one transaction; writes one audit-trail entry',
    description:
      "dueOn is a date in the organisation's calendar, today or later. People who already have the module open, or completed and still valid, " +
      'are listed in alreadyAssigned / alreadyCompleted and left as they are; ids that are not active people of the organisation are counted in notFound.',
  })
  @ApiCreatedResponse({ type: AssignModuleResultDto })
  assign(@CurrentActor() actor: Actor, @Body() body: AssignModuleDto): Promise<AssignModuleResultDto> {
    return this.assignments.assign(actor, requireOrganization(actor), body.moduleSlug, body.userIds, body.dueOn);
  }

  @Post('reminders')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sends a reminder now, through the outbox, to the listed people or to everyone matching a filter',
    description:
      'Give `userIds`, or a filter (`unitId` subtree, `module`, `status` of an open assignment; none: everyone with something open, ' +
      'at most 5000 people). Each reminder lists every module the person has open, in their language. One reminder per person, sender and ' +
      "organisation's day: people already reminded today are counted, not reminded again.",
  })
  @ApiOkResponse({ type: SendRemindersResultDto })
  remind(@CurrentActor() actor: Actor, @Body() body: SendRemindersDto): Promise<SendRemindersResultDto> {
    return this.reminders.remindSelection({ userId: actor.userId, name: actor.name, organizationId: requireOrganization(actor), as: 'hr' }, body);
  }

  @Get(':id/reasons')
  @ApiOperation({
    summary: 'The reasons given for extending or exempting an assignment, with the salt of each',
    description:
      "Trail entries assignment.due_extended and assignment.exempted carry `reasonDigest` = sha256_hex(salt + reason), never the reason, which can hold health data. This lets HR prove what an entry stands for.",
  })
  @ApiOkResponse({ type: AssignmentReasonDto, isArray: true })
  reasons(@CurrentActor() actor: Actor, @Param('id', uuid) id: string) {
    return this.assignments.reasons(requireOrganization(actor), id);
  }

  @Post(':id/extend')
  @HttpCode(200)
  @ApiOperation({ summary: "Moves an open assignment's due date later (organisation's calendar); writes an audit-trail entry" })
  extend(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() body: ExtendAssignmentDto) {
    return this.assignments.extend(actor, requireOrganization(actor), id, body.dueOn, body.reason);
  }

  @Post(':id/undo-exemption')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Undoes an exemption, with a reason: the assignment returns with its due date; writes an audit-trail entry',
    description:
      'Not exempted → 409; the person has the module open again meanwhile → 409. The exemption and its undoing both stay in `GET /api/assignments/:id/reasons` ' +
      '(kinds `exemption` and `exemption_undone`); the trail entry assignment.exemption_undone carries the reason\'s salted digest.',
  })
  undoExemption(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() body: ExemptAssignmentDto) {
    return this.assignments.undoExemption(actor, requireOrganization(actor), id, body.reason);
  }

  @Post(':id/exempt')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exempts a person from an open assignment for this cycle; writes an audit-trail entry' })
  exempt(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() body: ExemptAssignmentDto) {
    return this.assignments.exempt(actor, requireOrganization(actor), id, body.reason);
  }
}
