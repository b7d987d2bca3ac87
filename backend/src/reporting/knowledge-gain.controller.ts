import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { type Actor, CurrentActor, Roles } from '../common/actor';
import { requireOrganization } from '../common/tenancy';
import { KnowledgeGainService } from './knowledge-gain.service';

export class KnowledgeGainQueryDto {
  @ApiPropertyOptional({ enum: ['role', 'unit'], description: 'Default role: the organisation, leaders and staff' })
  @IsOptional()
  @IsIn(['role', 'unit'], { message: 'groupBy must be one of: role, unit' })
  groupBy?: 'role' | 'unit';

  @ApiPropertyOptional({ description: 'Only this module (slug of an active module)' })
  @IsOptional() @IsString() @MaxLength(100)
  module?: string;

  @ApiPropertyOptional({ enum: ['id', 'en'] })
  @IsOptional()
  @IsIn(['id', 'en'], { message: 'lang must be one of: id, en' })
  lang?: 'id' | 'en';
}

@ApiTags('HR')
@Controller()
export class KnowledgeGainController {
  constructor(private readonly knowledgeGain: KnowledgeGainService) {}

  @Get('reports/knowledge-gain')
  @Roles('hr_admin')
  @ApiOperation({
    summary: 'Knowledge gain per module and group: mean pre-test score and mean quiz score of the same people',
    description:
      'Only people who took the module\'s pre-test and then its quiz on the same assignment count (their latest such pre-test; the quiz ' +
      'score is the best attempt of that assignment), active people only. Per module with any such person: a row for the organisation ' +
      '(`groupKind: "organization"`, `group: "all"`), then leaders and staff (`groupBy=role`, default) or every unit with its subtree ' +
      '(`groupBy=unit`, parents first; units nobody counts in are left out). `before`/`after` are means 0–100 with one decimal, `gain` = ' +
      'after − before in points. Groups of fewer than k people (REPORT_MIN_GROUP_SIZE, at least 5) have `suppressed: true` and null numbers, ' +
      'with the complementary groups that would give them away (the completion reports\' suppression).',
  })
  @ApiOkResponse({ description: '{ minGroupSize, rows: [{ module, moduleTitle, groupKind, group, groupId, parentId, people, before, after, gain, suppressed }] }' })
  async figures(@CurrentActor() actor: Actor, @Query() query: KnowledgeGainQueryDto) {
    const rows = await this.knowledgeGain.figures(requireOrganization(actor), query, query.lang ?? actor.locale);
    return { minGroupSize: this.knowledgeGain.minGroupSize, rows };
  }
}
