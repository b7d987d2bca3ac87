import { Controller, Get, Logger, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import type { Response } from 'express';
import { type Actor, CurrentActor, Roles } from '../common/actor';
import { requireOrganization } from '../common/tenancy';
import { CertificatesBulkService } from './certificates-bulk.service';

export class BulkZipQueryDto {
  @ApiProperty({ description: 'The unit; its sub-units are included' })
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId: string;
}

@ApiTags('Certificates')
@Controller('certificates')
@Roles('hr_admin')
export class CertificatesBulkController {
  private readonly logger = new Logger('CertificatesBulk');

  constructor(private readonly bulk: CertificatesBulkService) {}

  @Get('bulk.zip')
  @ApiOperation({
    summary: "Every stored certificate PDF (not revoked) of a unit and its sub-units, as one ZIP, streamed",
    description:
      'Entries are named `<employee number, else the holder’s name>_<module slug>.pdf` in letters, digits, dot, dash and underscore ' +
      '(a later certificate of the same module gets `_<issue date>`). Certificates whose PDF is not rendered yet are left out; ' +
      '`X-Certificates-Pending` says how many. An unknown unit → 400. Writes a certificates.bulk_downloaded trail entry.',
  })
  @ApiProduces('application/zip')
  async zip(@CurrentActor() actor: Actor, @Query() query: BulkZipQueryDto, @Res() res: Response): Promise<void> {
    const zip = await this.bulk.prepare(actor, requireOrganization(actor), query.unitId);
    res.status(200).set({
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${zip.filename}"`,
      'Cache-Control': 'private, no-store',
      'X-Certificates-Pending': String(zip.pending),
    });
    try {
      await zip.writeTo(res);
    } catch (error) {
      // Past the first bytes the status cannot change: end the connection so the client sees a broken download.
      this.logger.warn(`bulk certificate download stopped: ${error instanceof Error ? error.message : String(error)}`);
      res.destroy();
    }
  }
}
