import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor, Public, Roles } from '../common/actor';
import type { RequestWithTenancy } from '../tenancy/tenancy.guard';
import { AuditLogService } from './audit-log.service';
import { AuditReportsService } from './audit-reports.service';
import { CreateFindingDto, EntriesQueryDto, RequestReportDto, RespondFindingDto, ScheduleDto } from './audit.dto';
import { FindingsService } from './findings.service';
import { ReportSchedulesService } from './report-schedules.service';
import { SigningKeysService } from './signing-keys.service';

const uuid = new ParseUUIDPipe({ version: undefined });

/** Routes under /organizations/:orgId are open to the organisation's HR and engaged auditors (TenancyGuard). */
@ApiTags('Auditors')
@Controller()
export class AuditController {
  constructor(
    private readonly reports: AuditReportsService,
    private readonly auditLog: AuditLogService,
    private readonly findings: FindingsService,
    private readonly keys: SigningKeysService,
    private readonly schedules: ReportSchedulesService,
  ) {}

  @Public()
  @Get('keys/audit-reports')
  @ApiOperation({ summary: 'Public keys that sign audit reports, current and retired (old reports keep verifying)' })
  async publicKeys() {
    return { keys: (await this.keys.publishedKeys()).map((k) => ({ keyId: k.keyId, algorithm: k.algorithm, publicKeyPem: k.publicKeyPem, retired: k.retiredAt !== null })) };
  }

  @Get('organizations/:orgId/audit-log/verify')
  @Roles('hr_admin', 'auditor')
  @ApiOperation({ summary: 'Walks the hash chain with a cursor; names the first entry that does not verify' })
  verifyLog(@Param('orgId') orgId: string) {
    return this.auditLog.verify(orgId);
  }

  @Get('organizations/:orgId/audit-log/entries')
  @Roles('hr_admin', 'auditor')
  @ApiOperation({ summary: 'Chain entries after a sequence number, to recompute the chain offline (canonical form in the README)' })
  entries(@Param('orgId') orgId: string, @Query() query: EntriesQueryDto) {
    return this.auditLog.entries(orgId, query.afterSeq, query.limit);
  }

  @Post('organizations/:orgId/audit-reports')
  @Roles('hr_admin', 'auditor')
  @HttpCode(202)
  @ApiOperation({ summary: 'Queues a report for the period; poll the archive for its status' })
  @ApiAcceptedResponse({ description: '{ id, status: "queued" }' })
  request(@CurrentActor() actor: Actor, @Param('orgId') orgId: string, @Body() body: RequestReportDto, @Req() req: RequestWithTenancy) {
    return this.reports.request(actor, orgId, req.engagement?.id ?? null, body);
  }

  @Get('organizations/:orgId/audit-reports')
  @Roles('hr_admin', 'auditor')
  @ApiOperation({ summary: 'The archive: every report with status, sha256 and download count' })
  list(@Param('orgId') orgId: string) {
    return this.reports.list(orgId);
  }

  @Get('organizations/:orgId/audit-reports/:id/pdf')
  @Roles('hr_admin', 'auditor')
  @ApiProduces('application/pdf')
  async pdfInOrg(@CurrentActor() actor: Actor, @Param('orgId') orgId: string, @Param('id', uuid) id: string, @Res({ passthrough: true }) res: Response) {
    return this.sendPdf(res, id, await this.reports.download(actor, orgId, id));
  }

  @Get('organizations/:orgId/audit-reports/:id/downloads')
  @Roles('hr_admin', 'auditor')
  @ApiOperation({ summary: 'Who downloaded the report, when' })
  downloads(@Param('orgId') orgId: string, @Param('id', uuid) id: string) {
    return this.reports.downloads(orgId, id);
  }

  @Get('organizations/:orgId/findings')
  @Roles('hr_admin', 'auditor')
  listFindings(@Param('orgId') orgId: string) {
    return this.findings.list(orgId);
  }

  @Post('organizations/:orgId/audit-reports/:id/findings')
  @Roles('auditor')
  @ApiOperation({ summary: 'An auditor records a finding on a report (severity, text, due date)' })
  createFinding(@CurrentActor() actor: Actor, @Param('orgId') orgId: string, @Param('id', uuid) id: string, @Body() body: CreateFindingDto) {
    return this.findings.create(actor, orgId, id, body);
  }

  @Post('organizations/:orgId/findings/:id/response')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'HR answers a finding with its corrective action' })
  respond(@CurrentActor() actor: Actor, @Param('orgId') orgId: string, @Param('id', uuid) id: string, @Body() body: RespondFindingDto) {
    return this.findings.respond(actor, orgId, id, body.correctiveAction);
  }

  @Post('organizations/:orgId/findings/:id/close')
  @Roles('hr_admin')
  @HttpCode(200)
  close(@CurrentActor() actor: Actor, @Param('orgId') orgId: string, @Param('id', uuid) id: string) {
    return this.findings.close(actor, orgId, id);
  }

  @Get('organizations/:orgId/auditor-reads')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'Every read by an external auditor: who looked at what, when' })
  auditorReads(@Param('orgId') orgId: string) {
    return this.schedules.auditorReads(orgId);
  }

  @Put('engagements/:id/report-schedule')
  @Roles('platform_admin')
  @ApiOperation({ summary: 'Scheduled reports for an engagement every N months (null stops them)' })
  schedule(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() body: ScheduleDto) {
    return this.schedules.setSchedule(actor, id, body.everyMonths ?? null);
  }

  @Get('audit-reports/:id/pdf')
  @Roles('hr_admin', 'auditor')
  @ApiOperation({ summary: 'The archived PDF (each download is logged)' })
  @ApiProduces('application/pdf')
  async pdf(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Res({ passthrough: true }) res: Response) {
    const orgId = await this.schedules.organizationFor(actor, id);
    return this.sendPdf(res, id, await this.reports.download(actor, orgId, id));
  }

  @Get('audit-reports/:id/numbers.csv')
  @Roles('hr_admin', 'auditor')
  @ApiOperation({ summary: "The report's numbers as CSV (same suppression as the PDF)" })
  @ApiProduces('text/csv')
  async numbersCsv(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Res({ passthrough: true }) res: Response) {
    const csv = await this.reports.numbersCsv(await this.schedules.organizationFor(actor, id), id);
    res.set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="aman-audit-report-${id}.csv"` });
    return csv;
  }

  @Get('audit-reports/:id/verify')
  @Roles('hr_admin', 'auditor')
  @ApiOperation({ summary: '{ sha256, signature (base64 Ed25519 over the PDF bytes), keyId, signatureValid }' })
  async verify(@CurrentActor() actor: Actor, @Param('id', uuid) id: string) {
    return this.reports.verify(await this.schedules.organizationFor(actor, id), id);
  }

  private sendPdf(res: Response, id: string, pdf: Buffer): StreamableFile {
    res.set({ 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="aman-audit-report-${id}.pdf"`, 'Cache-Control': 'private, no-store' });
    return new StreamableFile(pdf);
  }
}
