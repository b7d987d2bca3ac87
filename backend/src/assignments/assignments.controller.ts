import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../common/actor';
import { requireOrganization } from '../common/tenancy';
import { AssignmentReasonDto, ExemptAssignmentDto, ExtendAssignmentDto, PersonAssignmentDto, PersonAssignmentsQueryDto } from './assignments.dto';
import { AssignmentsService } from './assignments.service';

const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('HR')
@Controller('assignments')
@Roles('hr_admin')
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Get()
  @ApiOperation({ summary: "One person's assignments, history included, with statuses on the organisation's date" })
  @ApiOkResponse({ type: PersonAssignmentDto, isArray: true })
  list(@CurrentActor() actor: Actor, @Query() query: PersonAssignmentsQueryDto) {
    return this.assignments.listForPerson(requireOrganization(actor), query.userId, query.lang ?? actor.locale);
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

  @Post(':id/exempt')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exempts a person from an open assignment for this cycle; writes an audit-trail entry' })
  exempt(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() body: ExemptAssignmentDto) {
    return this.assignments.exempt(actor, requireOrganization(actor), id, body.reason);
  }
}
