import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor, Public, Roles } from '../common/actor';
import type { RequestWithTenancy } from '../tenancy/tenancy.guard';
import { AuditLogService, type TrailPage } from './audit-log.service';
import { AuditReportsService } from './audit-reports.service';
import { resolveLanguage } from '../common/i18n/language';
import { CreateFindingDto, EntriesQueryDto, FindingDto, RequestReportDto, RespondFindingDto, ScheduleDto, TrailPageDto, TrailQueryDto } from './audit.dto';
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
  @ApiOperation({
    summary: 'Walks the hash chain with a cursor; names the first entry that does not verify, and checks it against every signed report head',
    description:
      '`{ valid, entries, headSeq, headHash, firstBrokenAt, pending, anchors: { checked, mismatched: [reportId], unsigned } }`. ' +
      'Each finished audit report carries an Ed25519 signature over its head statement, the UTF-8 of canonicalJson({ headHash, headSeq, ' +
      'organizationId, reportId, reportSha256, type: "aman.audit-report-head" }). A report is mismatched when that signature does not ' +
      'verify with a key from the key files (AUDIT_SIGNING_KEY_FILE, AUDIT_TRUSTED_KEYS_DIR; never a key row of the database), or when ' +
      'the chain entry at headSeq no longer has headHash. `valid` is false when any entry or any anchor fails. `unsigned` counts reports ' +
      'finished before heads were signed (nothing to check).',
  })
  verifyLog(@Param('orgId') orgId: string) {
    return this.auditLog.verify(orgId);
  }

  @Get('organizations/:orgId/audit-log/entries')
  @Roles('hr_admin', 'auditor')
  @ApiOperation({
    summary: 'Chain entries after a sequence number, to recompute the chain offline (canonical form in the README)',
    description:
      'Each entry: `{ seq, at, form, actorId, action, targetType, targetId, details, prevHash, hash }`. `form` is 1 before the ' +
      "chain's cut-over and 2 from it. Form 2 entries carry `salts` (JSON Pointer → 32 hex characters) for HR and auditors with a " +
      '`named` engagement. An auditor with an `aggregate` engagement gets form 2 entries with every salted value replaced by its digest ' +
      '`"sha256:" + sha256_hex(salt + canonicalJson(value))` and the pointers listed in `redacted` (no salts), and form 1 entries as ' +
      '`{ seq, at, action, form, prevHash, hash }` only.',
  })
  entries(@Param('orgId') orgId: string, @Query() query: EntriesQueryDto, @Req() req: RequestWithTenancy) {
    // HR of the organisation and named engagements read everything; an aggregate engagement reads nothing that points to one person.
    const view = req.engagement && req.engagement.scope !== 'named' ? 'aggregate' : 'full';
    return this.auditLog.entries(orgId, query.afterSeq, query.limit, view);
  }

  @Get('organizations/:orgId/audit-log/trail')
  @Roles('hr_admin', 'auditor')
  @ApiOperation({
    summary: 'The trail as a person reads it: newest first, with filters and paging, beside the entries for machines',
    description:
      '`{ items: [{ seq, at, actor: { kind, name }, action, targetType, target: { label }, summary }], total, page, pageSize, actions, timeZone }`. ' +
      "`from` and `to` are days in the organisation's time zone (`timeZone`), both included; `at` is an ISO instant. " +
      '`actor.kind` ∈ system | person | hr_admin | auditor | case_handler | platform_admin (the role today). HR and `named` engagements get ' +
      "names (of the organisation's people and of its engaged partners' auditors) and objects in words. An `aggregate` engagement gets " +
      'no name and, by the rule that redacts its JSONL entries, no label or detail that points to one person; `actor` is then refused (400). ' +
      '`actions` lists every action in the trail, for the filter.',
  })
  @ApiOkResponse({ type: TrailPageDto })
  trail(@Param('orgId') orgId: string, @Query() query: TrailQueryDto, @Req() req: RequestWithTenancy): Promise<TrailPage> {
    const view = req.engagement && req.engagement.scope !== 'named' ? 'aggregate' : 'full';
    return this.auditLog.trail(orgId, query, view, resolveLanguage(req));
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
  @ApiOperation({
    summary: "The organisation's findings, open ones first",
    description:
      '`status` ∈ open | responded | closure_proposed | closed. `closedOnTime` is true when the finding was closed on or before `dueOn` in the ' +
      "organisation's calendar, false when later, null while it is not closed.",
  })
  @ApiOkResponse({ type: FindingDto, isArray: true })
  listFindings(@Param('orgId') orgId: string) {
    return this.findings.list(orgId);
  }

  @Post('organizations/:orgId/audit-reports/:id/findings')
  @Roles('auditor')
  @ApiOperation({ summary: 'An auditor records a finding on a report (severity, text, due date); it starts open' })
  @ApiCreatedResponse({ type: FindingDto })
  createFinding(@CurrentActor() actor: Actor, @Param('orgId') orgId: string, @Param('id', uuid) id: string, @Body() body: CreateFindingDto) {
    return this.findings.create(actor, orgId, id, body);
  }

  @Post('organizations/:orgId/findings/:id/response')
  @Roles('hr_admin')
  @HttpCode(200)
  @ApiOperation({
    summary: 'HR responds with the corrective action (open or responded → responded); the raising partner’s auditors are notified',
    description: '409 when closure is proposed or the finding is closed.',
  })
  @ApiOkResponse({ type: FindingDto })
  respond(@CurrentActor() actor: Actor, @Param('orgId') orgId: string, @Param('id', uuid) id: string, @Body() body: RespondFindingDto) {
    return this.findings.respond(actor, orgId, id, body.correctiveAction);
  }

  @Post('organizations/:orgId/findings/:id/propose-closure')
  @Roles('hr_admin')
  @HttpCode(200)
  @ApiOperation({
    summary: 'HR proposes closing a responded finding (responded → closure_proposed); the raising partner’s auditors are notified',
    description: '409 from any other status.',
  })
  @ApiOkResponse({ type: FindingDto })
  proposeClosure(@CurrentActor() actor: Actor, @Param('orgId') orgId: string, @Param('id', uuid) id: string) {
    return this.findings.proposeClosure(actor, orgId, id);
  }

  @Post('organizations/:orgId/findings/:id/close')
  @Roles('auditor')
  @HttpCode(200)
  @ApiOperation({
    summary: 'An auditor of the partner that raised the finding closes it (closure_proposed → closed); HR admins are notified',
    description: "403 for HR and for other partners' auditors; 409 unless closure was proposed.",
  })
  @ApiOkResponse({ type: FindingDto })
  close(@CurrentActor() actor: Actor, @Param('orgId') orgId: string, @Param('id', uuid) id: string) {
    return this.findings.close(actor, orgId, id);
  }

  @Post('organizations/:orgId/findings/:id/reopen')
  @Roles('auditor')
  @HttpCode(200)
  @ApiOperation({
    summary: 'An auditor of the partner that raised the finding reopens it (responded, closure_proposed or closed → open); HR admins are notified',
    description: "403 for HR and for other partners' auditors; 409 when it is already open.",
  })
  @ApiOkResponse({ type: FindingDto })
  reopen(@CurrentActor() actor: Actor, @Param('orgId') orgId: string, @Param('id', uuid) id: string) {
    return this.findings.reopen(actor, orgId, id);
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
  @ApiOperation({
    summary: '{ sha256, signature (base64 Ed25519 over the PDF bytes), keyId, signatureValid, headSeq, headHash, headStatement, headSignature }',
    description: '`headStatement` is the exact text whose Ed25519 signature is `headSignature` (same key); both are null for reports made before heads were signed.',
  })
  async verify(@CurrentActor() actor: Actor, @Param('id', uuid) id: string) {
    return this.reports.verify(await this.schedules.organizationFor(actor, id), id);
  }

  private sendPdf(res: Response, id: string, pdf: Buffer): StreamableFile {
    res.set({ 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="aman-audit-report-${id}.pdf"`, 'Cache-Control': 'private, no-store' });
    return new StreamableFile(pdf);
  }
}
