import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../common/actor';
import { requireOrganization } from '../common/tenancy';
import { AssignmentRulesService } from './assignment-rules.service';
import { AssignmentRuleChangeDto, AssignmentRuleDto, CreateAssignmentRuleDto, ReminderSettingsDto, RulePreviewDto, UpdateAssignmentRuleDto } from './assignments.dto';

const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('HR')
@Controller('assignment-rules')
@Roles('hr_admin')
export class AssignmentRulesController {
  constructor(private readonly rules: AssignmentRulesService) {}

  @Get('settings')
  @ApiOperation({ summary: 'When the daily job runs (local hour) and when reminders and escalations go out' })
  @ApiOkResponse({ type: ReminderSettingsDto })
  settings(@CurrentActor() actor: Actor) {
    return this.rules.getReminderSettings(requireOrganization(actor));
  }

  @Put('settings')
  @ApiOperation({ summary: 'Replaces the reminder settings; writes an audit-trail entry' })
  @ApiOkResponse({ type: ReminderSettingsDto })
  updateSettings(@CurrentActor() actor: Actor, @Body() body: ReminderSettingsDto) {
    return this.rules.updateReminderSettings(actor, requireOrganization(actor), body);
  }

  @Get()
  @ApiOperation({ summary: "The organisation's assignment rules, active first" })
  @ApiOkResponse({ type: AssignmentRuleDto, isArray: true })
  list(@CurrentActor() actor: Actor) {
    return this.rules.list(requireOrganization(actor));
  }

  @Post()
  @ApiOperation({
    summary: 'Creates a rule and applies it at once (idempotent); writes an audit-trail entry',
    description:
      'Due = base + dueWithinDays (base: the rule start, the hire date or the day the person became a leader), never sooner than 7 days ' +
      "from the organisation's today. People with a completion still valid at the rule's start, deactivated people and exempted people are skipped.",
  })
  @ApiCreatedResponse({ type: AssignmentRuleChangeDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateAssignmentRuleDto) {
    return this.rules.create(actor, requireOrganization(actor), body);
  }

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({
    summary: 'How many people a rule would reach if it were saved now (nothing is written)',
    description: 'The body is that of POST /api/assignment-rules; the same checks apply (400 naming the field). `count` is the assignments saving would open at once.',
  })
  @ApiOkResponse({ type: RulePreviewDto })
  preview(@CurrentActor() actor: Actor, @Body() body: CreateAssignmentRuleDto): Promise<RulePreviewDto> {
    return this.rules.preview(actor, requireOrganization(actor), body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Changes a rule (not its module) and applies it again; open assignments keep their due dates' })
  @ApiOkResponse({ type: AssignmentRuleChangeDto })
  update(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() body: UpdateAssignmentRuleDto) {
    return this.rules.update(actor, requireOrganization(actor), id, body);
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivates a rule; the assignments it opened stay' })
  @ApiOkResponse({ type: AssignmentRuleDto })
  deactivate(@CurrentActor() actor: Actor, @Param('id', uuid) id: string) {
    return this.rules.deactivate(actor, requireOrganization(actor), id);
  }
}
