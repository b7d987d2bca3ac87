import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor, Roles } from '../common/actor';
import { AllowedBeforeTotpEnrollment } from '../identity/auth.guard';
import { CasesService } from './cases.service';
import { PhoneReportsService } from './phone-reports.service';
import { RecipientKeysService } from './recipient-keys.service';
import {
  CaseDto,
  CaseLogQueryDto,
  CaseSettingsDto,
  CaseSummaryDto,
  InviteCaseHandlerDto,
  MessageDto,
  PhoneReceiptDto,
  PhoneReportDto,
  RecoveryKeyDto,
  SatgasMembersDto,
  ShareCaseDto,
  UpdateCaseDto,
} from './report-channel.dto';
import { RawSessionToken } from './session-token';

const NOBODY_ELSE = 'Only recipients (the case’s handlers and chosen Satgas members) see a case: anyone else gets 404.';

@ApiTags('Confidential reports')
@Controller()
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly keys: RecipientKeysService,
    private readonly phoneReports: PhoneReportsService,
  ) {}

  @Get('cases')
  @ApiOperation({ summary: 'The caller’s cases (reports wrapped for them); empty for everyone else', description: NOBODY_ELSE })
  @ApiOkResponse({ type: [CaseSummaryDto] })
  list(@CurrentActor() actor: Actor): Promise<CaseSummaryDto[]> {
    return this.cases.list(actor);
  }

  @Post('cases/phone-reports')
  @Roles('case_handler')
  @ApiOperation({
    summary: 'A handler records a report received by phone on the caller’s behalf; the caller gets the receipt (shown once)',
    description:
      'Stored exactly like a public submission (own data key, wrapped for the handlers of the caller’s partner and for the receipt), ' +
      'recipient: the handler’s partner only. `organizationCode` or `organizationId` names an organisation engaged with that partner today ' +
      '(else 404, the same for an unknown one). Confirmed handlers only (else 403). The partner’s chain records "case.recorded_by_phone" ' +
      '(day only, no content).',
  })
  @ApiCreatedResponse({ type: PhoneReceiptDto })
  @ApiBadRequestResponse({ description: 'names the field: organizationCode, organizationId, category, description, contact or allowSatgasReferral' })
  @ApiForbiddenResponse()
  @ApiNotFoundResponse()
  recordPhoneReport(@CurrentActor() actor: Actor, @Body() body: PhoneReportDto): Promise<PhoneReceiptDto> {
    return this.phoneReports.record(actor, body);
  }

  @Get('cases/:id')
  @ApiOperation({
    summary: 'A case: report, contact, messages, attachments; marks it read and logs the opening (partner’s chain, day only)',
    description: `${NOBODY_ELSE} 403 \`case_key_locked\` when this session did not unlock the caller’s key (sign in again with the password).`,
  })
  @ApiOkResponse({ type: CaseDto })
  @ApiNotFoundResponse()
  get(@CurrentActor() actor: Actor, @RawSessionToken() token: string, @Param('id') id: string): Promise<CaseDto> {
    return this.cases.get(actor, token, id);
  }

  @Post('cases/:id/messages')
  @ApiOperation({ summary: 'A handler writes to the reporter', description: NOBODY_ELSE })
  @ApiCreatedResponse()
  @ApiNotFoundResponse()
  async message(@CurrentActor() actor: Actor, @RawSessionToken() token: string, @Param('id') id: string, @Body() body: MessageDto): Promise<void> {
    await this.cases.addMessage(actor, token, id, body.text);
  }

  @Get('cases/:id/attachments/:attachmentId')
  @ApiOperation({ summary: 'One attachment of the case', description: NOBODY_ELSE })
  @ApiNotFoundResponse()
  async attachment(
    @CurrentActor() actor: Actor,
    @RawSessionToken() token: string,
    @Param('id') id: string,
    @Param('attachmentId') attachmentId: string,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.cases.attachment(actor, token, id, attachmentId);
    res.setHeader('Content-Type', file.type);
    res.setHeader('Content-Disposition', `attachment; filename="${encodeURIComponent(file.name)}"`);
    res.send(file.data);
  }

  @Patch('cases/:id')
  @ApiOperation({
    summary: 'Moves a case on: received → in_review → referred | closed (referred → closed); `outcome` required to close',
    description:
      `${NOBODY_ELSE} Another move → 409. Closing sets the day its content is deleted: the closing handler’s partner’s ` +
      '`caseRetentionDays` (default 365; Satgas: 365) after today. Logged on the partner’s chain (day only, no content).',
  })
  @ApiOkResponse()
  @ApiBadRequestResponse({ description: 'status, or outcome (missing when closing, given otherwise)' })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: UpdateCaseDto) {
    return this.cases.setStatus(actor, id, body.status, body.outcome);
  }

  @Post('cases/:id/shares')
  @ApiOperation({
    summary: 'Shares a case with a confirmed colleague of the caller’s partner (who has signed in since being confirmed)',
    description: `${NOBODY_ELSE} Logged on the partner’s chain. Already shared → 409; not such a colleague → 400 naming userId.`,
  })
  @ApiCreatedResponse()
  @ApiNotFoundResponse()
  async share(@CurrentActor() actor: Actor, @RawSessionToken() token: string, @Param('id') id: string, @Body() body: ShareCaseDto): Promise<void> {
    await this.cases.share(actor, token, id, body.userId);
  }

  @AllowedBeforeTotpEnrollment()
  @Get('me/recovery-key')
  @ApiOperation({
    summary: 'The recovery key of the caller’s new key pair, once, in the session in which it was made (then 404)',
    description: 'Recipients of confidential reports get a key pair at their first sign-in as one; a reset by link asks for this key.',
  })
  @ApiOkResponse({ type: RecoveryKeyDto })
  @ApiNotFoundResponse()
  recoveryKey(@CurrentActor() actor: Actor, @RawSessionToken() token: string): Promise<RecoveryKeyDto> {
    return this.keys.takeRecoveryKey(actor, token);
  }

  @Post('partners/:partnerId/case-handlers')
  @Roles('platform_admin', 'case_handler')
  @ApiOperation({
    summary: 'Invites a case handler of the partner (invitation link by mail)',
    description:
      'The platform admin invites a partner’s first handler, confirmed at once. Later ones (invited by the platform admin or a ' +
      'handler of that partner) stay pending, and receive no report, until an existing handler confirms them.',
  })
  @ApiCreatedResponse()
  @ApiNotFoundResponse()
  invite(@CurrentActor() actor: Actor, @Param('partnerId', ParseUUIDPipe) partnerId: string, @Body() body: InviteCaseHandlerDto) {
    return this.cases.inviteHandler(actor, partnerId, body);
  }

  @Get('partners/:partnerId/case-handlers')
  @Roles('platform_admin', 'case_handler')
  @ApiOperation({ summary: 'The partner’s case handlers: confirmed or pending, with or without a key pair yet' })
  listHandlers(@CurrentActor() actor: Actor, @Param('partnerId', ParseUUIDPipe) partnerId: string) {
    return this.cases.listHandlers(actor, partnerId);
  }

  @Post('partners/:partnerId/case-handlers/:userId/confirm')
  @Roles('case_handler')
  @HttpCode(204)
  @ApiOperation({ summary: 'An existing handler of the partner confirms a pending one (logged on the partner’s chain)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  async confirm(
    @CurrentActor() actor: Actor,
    @Param('partnerId', ParseUUIDPipe) partnerId: string,
    @Param('userId', ParseUUIDPipe) userId: string,
  ): Promise<void> {
    await this.cases.confirmHandler(actor, partnerId, userId);
  }

  @Get('partners/:partnerId/case-log')
  @Roles('case_handler')
  @ApiOperation({
    summary: 'The partner’s own chain of the trail: case openings, status changes, shares, handler invitations and confirmations',
    description:
      'Confirmed handlers of the partner only (anyone else 404). Times are the day (midnight UTC), no content. Entries in the canonical ' +
      'forms of the README (chain id = the partner id), with `salts` on form-2 entries, so the chain can be recomputed.',
  })
  caseLog(@CurrentActor() actor: Actor, @Param('partnerId', ParseUUIDPipe) partnerId: string, @Query() query: CaseLogQueryDto) {
    return this.cases.partnerLog(actor, partnerId, query.afterSeq ?? 0, query.limit ?? 500);
  }

  @Get('partners/:partnerId/case-settings')
  @Roles('case_handler')
  @ApiOperation({
    summary: 'The partner’s retention setting (365 until a handler changes it)',
    description: 'Confirmed handlers of that partner only: another partner’s handler gets 404, anyone without the case_handler role 403 (as the PUT).',
  })
  @ApiOkResponse({ type: CaseSettingsDto })
  @ApiNotFoundResponse()
  @ApiForbiddenResponse()
  getSettings(@CurrentActor() actor: Actor, @Param('partnerId', ParseUUIDPipe) partnerId: string) {
    return this.cases.getRetention(actor, partnerId);
  }

  @Put('partners/:partnerId/case-settings')
  @Roles('case_handler')
  @ApiOperation({ summary: 'The partner’s retention: content of its closed cases is deleted this many days after closing (90–36500, default 365)' })
  @ApiOkResponse({ type: CaseSettingsDto })
  setSettings(@CurrentActor() actor: Actor, @Param('partnerId', ParseUUIDPipe) partnerId: string, @Body() body: CaseSettingsDto) {
    return this.cases.setRetention(actor, partnerId, body.caseRetentionDays);
  }

  @Put('satgas-members')
  @Roles('hr_admin')
  @ApiOperation({
    summary: 'HR designates its organisation’s Satgas (replaces the list); they become recipients reporters may choose',
    description: 'Each must be an active person of the organisation (else 400 naming userIds). A member removed stops reading its cases at once.',
  })
  @ApiOkResponse()
  @ApiForbiddenResponse()
  setSatgas(@CurrentActor() actor: Actor, @Body() body: SatgasMembersDto) {
    return this.cases.setSatgas(actor, body.userIds);
  }

  @Get('satgas-members')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'The organisation’s Satgas members, and whether each has signed in since (a key pair)' })
  listSatgas(@CurrentActor() actor: Actor) {
    return this.cases.listSatgas(actor);
  }
}
