import { Body, Controller, Get, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type Actor, CurrentActor, Public, Roles } from '../common/actor';
import { requireOrganization } from '../common/tenancy';
import { LangQueryDto } from '../learning/learning.dto';
import { CertificatesQueryDto, RevokeCertificateDto, VerificationResponseDto } from './certificates.dto';
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
  list(@CurrentActor() actor: Actor, @Query() query: CertificatesQueryDto) {
    return this.certificates.list(requireOrganization(actor), { q: query.q, status: query.status }, query.page, query.pageSize, actor.locale);
  }

  @Post('certificates/:serial/revoke')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'Revokes a certificate with a reason (audit-trail entry); verification then shows it invalid' })
  revoke(@CurrentActor() actor: Actor, @Param('serial') serial: string, @Body() body: RevokeCertificateDto) {
    return this.certificates.revoke(actor, requireOrganization(actor), serial, body.reason);
  }
}
