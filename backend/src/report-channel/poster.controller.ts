import { Controller, Get, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor, Roles } from '../common/actor';
import { requireOrganization } from '../common/tenancy';
import { PosterService } from './poster.service';

@ApiTags('Confidential reports')
@Controller()
export class PosterController {
  constructor(private readonly posters: PosterService) {}

  @Get('report-channel/poster')
  @Roles('hr_admin')
  @ApiOperation({
    summary:
      "HR's printable A4 poster of the organisation's confidential channel (PDF): Indonesian and English, the channel's " +
      'address (PUBLIC_URL/report/<code>) with its QR code, and the reporting channels of the organisation settings. ' +
      '503 without Chromium.',
  })
  @ApiProduces('application/pdf')
  async poster(@CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const { pdf, code } = await this.posters.poster(requireOrganization(actor));
    res.set({ 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="aman-report-channel-${code}.pdf"` });
    return new StreamableFile(pdf);
  }
}
