import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../common/actor';
import { AccessService } from '../tenancy/access.service';
import { CaseStatisticsService } from './case-statistics.service';
import { CaseStatisticsQueryDto } from './report-channel.dto';

@ApiTags('Confidential reports')
@Controller()
export class CaseStatisticsController {
  constructor(
    private readonly statistics: CaseStatisticsService,
    private readonly access: AccessService,
  ) {}

  @Get('reports/cases')
  @Roles('hr_admin', 'auditor')
  @ApiOperation({
    summary: 'Confidential reports as counts only: per quarter and category or status, and the median days to close per quarter',
    description:
      'HR of the organisation, or an auditor with an engagement active today (`organizationId` then required; the read is an ' +
      '`auditor.read` trail entry). Answer: `{ minGroupSize, groupBy, rows: [{ quarter, group, count, suppressed }], ' +
      'medianDaysToClose: [{ quarter, closed, medianDaysToClose, suppressed }] }`; quarters like "2026-Q4" (of the day of creation ' +
      'for counts, of closing for medians). Each quarter’s groups are hidden with the same small-cell and complementary suppression ' +
      'as every other figure (k = REPORT_MIN_GROUP_SIZE, at least 5); a median of fewer than k closed cases is hidden. No case, ' +
      'text or recipient ever appears here.',
  })
  @ApiOkResponse()
  async cases(@CurrentActor() actor: Actor, @Query() query: CaseStatisticsQueryDto) {
    const organizationId = query.organizationId ?? actor.organizationId;
    if (!organizationId) {
      throw new BadRequestException({ statusCode: 400, message: 'organizationId is required', fields: [{ field: 'organizationId', message: 'organizationId is required' }] });
    }
    await this.access.requireAccess(
      actor,
      { organizationId, members: 'hr_admin', scope: 'aggregate', target: { type: 'report', id: 'cases', details: { groupBy: query.groupBy } } },
      'Organisation not found',
    );
    return this.statistics.statistics(organizationId, query.groupBy);
  }
}
