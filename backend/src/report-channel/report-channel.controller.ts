import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../common/actor';
import { AttachmentsInterceptor } from './attachments.interceptor';
import {
  ChannelDto,
  ChannelQueryDto,
  MessageDto,
  ReceiptDto,
  ReporterReportDto,
  ReporterSessionDto,
  SubmitReportDto,
  TokenDto,
} from './report-channel.dto';
import { REPORTER_SESSION_MINUTES, RECEIPT_LIMITS, ReportChannelService, type UploadedFile } from './report-channel.service';

function bearer(req: Request): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
}

@ApiTags('Confidential reports')
@Public()
@Controller()
export class ReportChannelController {
  constructor(private readonly service: ReportChannelService) {}

  @Get('report-channel/:orgCode')
  @ApiOperation({
    summary: "An organisation's reporting page: its name, the recipients a reporter may choose, the categories",
    description:
      'Partners are listed while engaged with the organisation and with at least one confirmed case handler who has signed in ' +
      '(a key pair); "satgas" while at least one Satgas member has. `lang` chooses the labels (default id). Unknown code → 404.',
  })
  @ApiOkResponse({ type: ChannelDto })
  @ApiNotFoundResponse()
  channel(@Param('orgCode') orgCode: string, @Query() query: ChannelQueryDto): Promise<ChannelDto> {
    return this.service.channel(orgCode, query.lang ?? 'id');
  }

  @Post('report-channel/:orgCode/reports')
  @UseInterceptors(AttachmentsInterceptor)
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiOperation({
    summary: 'Submits a report without an account → its 16-digit receipt, shown this once',
    description:
      'JSON, or multipart with the same fields (repeat `recipientIds` per value; `allowSatgasReferral` as true/false) and up to 5 ' +
      'files in `attachments` (JPEG, PNG, WebP or PDF; 10 MB in all; GPS/camera data and PDF author/producer are removed before ' +
      'storage). At least one partner among `recipientIds`; "satgas" only if wanted. Nothing about the client (address, user ' +
      'agent) is stored, and the report keeps only its day of creation. Description, contact and attachments are encrypted ' +
      'under the report’s own key, wrapped for each recipient and for the receipt.',
  })
  @ApiCreatedResponse({ type: ReceiptDto })
  @ApiBadRequestResponse({ description: 'names the field: category, description, recipientIds, contact, allowSatgasReferral or attachments' })
  submit(@Param('orgCode') orgCode: string, @Body() body: SubmitReportDto, @UploadedFiles() files: UploadedFile[] | undefined): Promise<ReceiptDto> {
    return this.service.submit(orgCode, body, files ?? []);
  }

  @Post('reporter/session')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Receipt → a Bearer token for that report only, valid ' + REPORTER_SESSION_MINUTES + ' minutes',
    description:
      `A wrong receipt → 404 with the same body and the same work (two argon2id runs) as any other wrong one. ` +
      `More than ${RECEIPT_LIMITS.perAddressPerDay} tries a day from one address → 429 (counted under an HMAC of the address ` +
      `with a key that changes daily; addresses are never stored; a correct receipt does not count). Past ` +
      `${RECEIPT_LIMITS.globalPerMinute} tries a minute across the installation, answers are slowed down (never refused).`,
  })
  @ApiOkResponse({ type: TokenDto })
  @ApiNotFoundResponse()
  @ApiTooManyRequestsResponse()
  session(@Body() body: ReporterSessionDto, @Req() req: Request): Promise<TokenDto> {
    return this.service.startSession(body.receipt, req.ip ?? 'unknown');
  }

  @Get('reporter/report')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The reporter’s report: status, messages with the handlers, attachments (with the reporter token)' })
  @ApiOkResponse({ type: ReporterReportDto })
  @ApiNotFoundResponse({ description: 'no token, or it expired' })
  report(@Req() req: Request): Promise<ReporterReportDto> {
    return this.service.report(bearer(req));
  }

  @Post('reporter/report/messages')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The reporter writes to the handlers (or adds information)' })
  @ApiCreatedResponse()
  async message(@Req() req: Request, @Body() body: MessageDto): Promise<void> {
    await this.service.addMessage(bearer(req), body.text);
  }

  @Get('reporter/report/attachments/:attachmentId')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'One of the report’s attachments, as stored (metadata removed)' })
  async attachment(@Req() req: Request, @Param('attachmentId') attachmentId: string, @Res() res: Response): Promise<void> {
    const file = await this.service.attachment(bearer(req), attachmentId);
    res.setHeader('Content-Type', file.type);
    res.setHeader('Content-Disposition', `attachment; filename="${encodeURIComponent(file.name)}"`);
    res.send(file.data);
  }
}
