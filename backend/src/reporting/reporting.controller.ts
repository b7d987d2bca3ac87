import { Controller, Get, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type Actor, CurrentActor, Roles } from '../common/actor';
import { requireOrganization } from '../common/tenancy';
import { CompletionQueryDto, CompletionRowDto, OverdueQueryDto, OverTimeQueryDto, OverTimeRowDto, SummaryDto, SummaryQueryDto } from './reporting.dto';
import { type JsonBody, ReportingService } from './reporting.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/**
 * A kept report as it was serialised once, gzip-compressed when the client accepts it (browsers
 * do): the unit breakdown of a 100,000-person organisation is 600 kB of JSON, 40 kB compressed.
 */
function sendJson(req: Request, res: Response, body: JsonBody): StreamableFile {
  const gzip = /\bgzip\b/.test(req.get('accept-encoding') ?? '');
  res.set({ 'Content-Type': 'application/json; charset=utf-8', Vary: 'Accept-Encoding', 'Cache-Control': 'private, no-cache' });
  if (gzip) res.set('Content-Encoding', 'gzip');
  return new StreamableFile(gzip ? body.gzip : body.json);
}

const SUPPRESSION =
  'Counts are people. A group of fewer than k people (REPORT_MIN_GROUP_SIZE, at least 5) has `suppressed: true` and null numbers, ' +
  'and enough other groups are hidden with it that none can be recomputed from the totals.';

@ApiTags('HR')
@Controller()
export class ReportingController {
  constructor(private readonly reporting: ReportingService) {}

  @Get('reports/completion')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'Completion by unit (whole subtree), role, gender, employment type or module', description: SUPPRESSION })
  @ApiOkResponse({ type: CompletionRowDto, isArray: true })
  async completion(@CurrentActor() actor: Actor, @Query() query: CompletionQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return sendJson(req, res, await this.reporting.completionBody(requireOrganization(actor), query, query.lang ?? actor.locale));
  }

  @Get('reports/completion.csv')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'The same rows as CSV for machines: English keys and ids whatever the language (hidden numbers are empty cells); writes a report.exported trail entry' })
  @ApiProduces('text/csv')
  async completionCsv(@CurrentActor() actor: Actor, @Query() query: CompletionQueryDto, @Res({ passthrough: true }) res: Response) {
    const file = await this.reporting.exportCompletion(actor, requireOrganization(actor), query, 'csv');
    res.set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${file.filename}"`, 'Cache-Control': 'private, no-store' });
    return file.body;
  }

  @Get('reports/completion.xlsx')
  @Roles('hr_admin')
  @ApiOperation({
    summary: 'The same rows as an Excel workbook for people: headers and yes/no in the caller’s language, rates as percentages, no ids; writes a report.exported trail entry',
    description: 'For machines use completion.csv: its English keys (group, groupId, parentId, assigned, completed, overdue, completionRate, moduleCompletionRate, suppressed) are the stable contract.',
  })
  @ApiProduces(XLSX)
  async completionXlsx(@CurrentActor() actor: Actor, @Query() query: CompletionQueryDto, @Res({ passthrough: true }) res: Response) {
    const file = await this.reporting.exportCompletion(actor, requireOrganization(actor), query, 'xlsx');
    res.set({ 'Content-Type': XLSX, 'Content-Disposition': `attachment; filename="${file.filename}"`, 'Cache-Control': 'private, no-store' });
    return new StreamableFile(file.body as Buffer);
  }

  @Get('reports/summary')
  @Roles('hr_admin')
  @ApiOperation({ summary: "The organisation's totals with leaders and staff side by side (hidden together when either is small)" })
  @ApiOkResponse({ type: SummaryDto })
  async summary(@CurrentActor() actor: Actor, @Query() query: SummaryQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return sendJson(req, res, await this.reporting.summaryBody(requireOrganization(actor), query.module));
  }

  @Get('reports/overdue')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'Named people with an overdue current assignment, in a unit subtree: the drill-down for HR only' })
  overdue(@CurrentActor() actor: Actor, @Query() query: OverdueQueryDto) {
    return this.reporting.overdue(requireOrganization(actor), query.unitId, query.lang ?? actor.locale, query.page, query.pageSize);
  }

  @Get('reports/completions-over-time')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'Completions per week or month (organisation time zone); periods with 1..k-1 are hidden' })
  @ApiOkResponse({ type: OverTimeRowDto, isArray: true })
  overTime(@CurrentActor() actor: Actor, @Query() query: OverTimeQueryDto) {
    return this.reporting.completionsOverTime(requireOrganization(actor), query);
  }

  @Get('organizations/:orgId/reports/completion')
  @Roles('hr_admin', 'auditor')
  @ApiTags('Auditors')
  @ApiOperation({
    summary: "The completion aggregates of an organisation, for its HR and auditors with an engagement active today",
    description: `${SUPPRESSION} Each read by an auditor is an auditor.read entry in the organisation's trail (TenancyGuard).`,
  })
  @ApiOkResponse({ type: CompletionRowDto, isArray: true })
  async organizationCompletion(
    @CurrentActor() actor: Actor,
    @Param('orgId') orgId: string,
    @Query() query: CompletionQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendJson(req, res, await this.reporting.completionBody(orgId, query, query.lang ?? actor.locale));
  }
}
