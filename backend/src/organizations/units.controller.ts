import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../common/actor';
import { CSV_UPLOAD_LIMIT_BYTES, csvText, type UploadedCsvFile } from '../common/csv';
import { requireOrganization } from '../common/tenancy';
import { UnitDto } from './organizations.dto';
import { ArchiveUnitResultDto, CreateUnitDto, UnitImportQueryDto, UnitImportResultDto, UpdateUnitDto } from './units.dto';
import { UnitsService } from './units.service';

const uuid = new ParseUUIDPipe({ version: undefined });

/** Writes to the unit tree; the tree itself is read with GET /api/units (OrganizationsController). */
@ApiTags('HR')
@Controller('units')
@Roles('hr_admin')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Post()
  @ApiOperation({ summary: 'Adds a unit (under parentId, or at the top); a code in use in the organisation → 409' })
  @ApiCreatedResponse({ type: UnitDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateUnitDto) {
    return this.units.create(actor, requireOrganization(actor), body);
  }

  @Get('import/template.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="units-template.csv"')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The unit import header with one example line' })
  template() {
    return this.units.template();
  }

  @Post('import')
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: CSV_UPLOAD_LIMIT_BYTES, files: 1 } }))
  @ApiConsumes('text/csv', 'multipart/form-data')
  @ApiBody({ description: 'CSV with columns code, name, parentCode (optional), as text/csv or a multipart "file"', schema: { type: 'string' } })
  @ApiOperation({
    summary: 'Creates, renames and moves units from a CSV (by code); parents may come later in the file. All or nothing.',
  })
  @ApiOkResponse({ type: UnitImportResultDto })
  import(@CurrentActor() actor: Actor, @Query() query: UnitImportQueryDto, @Body() body: unknown, @UploadedFile() file?: UploadedCsvFile) {
    return this.units.importUnits(actor, requireOrganization(actor), csvText(body, file), { dryRun: query.dryRun === 'true' });
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Renames and/or moves a unit with its subtree; under itself or a sub-unit → 409' })
  @ApiOkResponse({ type: UnitDto })
  update(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() body: UpdateUnitDto) {
    return this.units.update(actor, requireOrganization(actor), id, body);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archives the unit and its sub-units; refused (409, with activePeople) while active people are in them' })
  @ApiOkResponse({ type: ArchiveUnitResultDto })
  archive(@CurrentActor() actor: Actor, @Param('id', uuid) id: string) {
    return this.units.archive(actor, requireOrganization(actor), id);
  }
}
