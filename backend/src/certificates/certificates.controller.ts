import { Body, Controller, Get, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type Actor, CurrentActor, Public, Roles } from '../common/actor';
import { requireOrganization } from '../common/tenancy';
import { LangQueryDto } from '../learning/learning.dto';
import type { RequestWithTenancy } from '../tenancy/tenancy.guard';
import { CertificatePageDto, CertificatesQueryDto, RevokeCertificateDto, VerificationResponseDto } from './certificates.dto';
import { CertificatesService } from './certificates.service';

@ApiTags('Certificates')
@Controller()
export class CertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  @Get('certificates/:serial/pdf')
  @ApiOperation({ summary: 'The certificate PDF: its holder, HR of the organisation, or an auditor with an active named engagement; anyone else 404' })
  @ApiProduces('application/pdf')
  async pdf(@CurrentActor() actor: Actor, @Param('serial') serial: string, @Res({ passthrough: true }) res: Response) {
    const file = await this.certificates.download(actor, serial);
    res.set({ 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="aman-certificate-${file.serial}.pdf"`, 'Cache-Control': 'private, no-store' });
    return new StreamableFile(file.pdf);
  }

  @Public()
  @Get('verify/:serial')
  @ApiOperation({ summary: 'Public verification (no sign-in); the holder is masked; rate-limited per address; every call counted' })
  @ApiOkResponse({ type: VerificationResponseDto })
  verify(@Param('serial') serial: string, @Query() query: LangQueryDto, @Req() req: Request) {
    return this.certificates.verify(serial, req.ip ?? 'unknown', query.lang);
  }

  @Get('certificates')
  @Roles('hr_admin')
  @ApiOperation({ summary: "The organisation's certificates with their verification counts" })
  @ApiOkResponse({ type: CertificatePageDto })
  list(@CurrentActor() actor: Actor, @Query() query: CertificatesQueryDto) {
    const { page, pageSize, ...filter } = query;
    return this.certificates.list(requireOrganization(actor), filter, page, pageSize);
  }

  @Get('organizations/:orgId/certificates')
  @Roles('hr_admin', 'auditor')
  @ApiOperation({
    summary: "The organisation's certificates, one page (HR, or an auditor with an active named engagement)",
    description:
      'The same rows as GET /api/certificates, newest first, with `pdfUrl` and `verifyUrl` to open each. An auditor whose engagement is ' +
      '`aggregate` → 403; no engagement active today → 404, as every `:orgId` route. Each read is an `auditor.read` trail entry. ' +
      '`unitId` includes sub-units; an unknown unit → 400.',
  })
  @ApiOkResponse({ type: CertificatePageDto })
  listInOrganization(@Param('orgId') orgId: string, @Query() query: CertificatesQueryDto, @Req() req: RequestWithTenancy) {
    const { page, pageSize, ...filter } = query;
    return this.certificates.listForOrganization(orgId, req.engagement, filter, page, pageSize);
  }

  @Post('certificates/:serial/revoke')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'Revokes a certificate with a reason (audit-trail entry); verification then shows it invalid' })
  revoke(@CurrentActor() actor: Actor, @Param('serial') serial: string, @Body() body: RevokeCertificateDto) {
    return this.certificates.revoke(actor, requireOrganization(actor), serial, body.reason);
  }
}
