import { Controller, Get, Logger, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor, Roles } from '../common/actor';
import { requireOrganization } from '../common/tenancy';
import { PeopleExportQueryDto } from './people-export.dto';
import { PeopleExportService, type PeopleExportFile } from './people-export.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DESCRIPTION =
  'One row per active person and current assignment (people with nothing assigned once, with empty module cells): employee number, ' +
  'name, unit, leader or staff, gender, employment type, module title, status, due date, completion date (organisation’s time zone), ' +
  'score, module version. Headers and values in the caller’s language (`lang`, else the account’s): no ids, no slugs. ' +
  'Streamed from a database cursor. Writes a report.exported trail entry.';

@ApiTags('HR')
@Controller('reports')
@Roles('hr_admin')
export class PeopleExportController {
  private readonly logger = new Logger('PeopleExport');

  constructor(private readonly exports: PeopleExportService) {}

  @Get('people.csv')
  @ApiOperation({ summary: 'Who completed what, when, with which score and module version, as CSV (UTF-8 with BOM)', description: DESCRIPTION })
  @ApiProduces('text/csv')
  async csv(@CurrentActor() actor: Actor, @Query() query: PeopleExportQueryDto, @Res() res: Response): Promise<void> {
    await this.send(res, await this.exports.prepare(actor, requireOrganization(actor), query, 'csv'), 'text/csv; charset=utf-8');
  }

  @Get('people.xlsx')
  @ApiOperation({ summary: 'The same rows as an Excel workbook (dates as dates, scores as numbers)', description: DESCRIPTION })
  @ApiProduces(XLSX)
  async xlsx(@CurrentActor() actor: Actor, @Query() query: PeopleExportQueryDto, @Res() res: Response): Promise<void> {
    await this.send(res, await this.exports.prepare(actor, requireOrganization(actor), query, 'xlsx'), XLSX);
  }

  /** Once the first bytes are out the status cannot change: a failure ends the connection instead. */
  private async send(res: Response, file: PeopleExportFile, type: string): Promise<void> {
    res.status(200).set({ 'Content-Type': type, 'Content-Disposition': `attachment; filename="${file.filename}"`, 'Cache-Control': 'private, no-store' });
    try {
      await file.writeTo(res);
    } catch (error) {
      this.logger.warn(`people export stopped: ${error instanceof Error ? error.message : String(error)}`);
      res.destroy();
    }
  }
}
