import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../common/actor';
import { CSV_UPLOAD_LIMIT_BYTES, csvText, type UploadedCsvFile } from '../common/csv';
import { requireOrganization } from '../common/tenancy';
import { CreatePersonDto, ImportQueryDto, PeopleImportResultDto, PersonDto, UpdatePersonDto } from './people.dto';
import { PeopleImportService } from './people-import.service';
import { PeopleService } from './people.service';

const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('HR')
@Controller('users')
@Roles('hr_admin')
export class PeopleController {
  constructor(
    private readonly people: PeopleService,
    private readonly imports: PeopleImportService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Adds one person; with an email they get a set-password invitation. A taken email or employee number → 409' })
  @ApiCreatedResponse({ type: PersonDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreatePersonDto) {
    return this.people.create(actor, requireOrganization(actor), body);
  }

  @Get('import/template.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="people-template.csv"')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The import header with one example line' })
  template() {
    return this.imports.template();
  }

  @Post('import')
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: CSV_UPLOAD_LIMIT_BYTES, files: 1 } }))
  @ApiConsumes('text/csv', 'multipart/form-data')
  @ApiBody({ description: 'The CSV as a text/csv body, or as a multipart upload in the field "file"', schema: { type: 'string' } })
  @ApiOperation({
    summary: 'Creates and updates people from a CSV (upsert by employee number, else email); nothing is written while any line is bad unless skipInvalid=true',
    description:
      'Columns: email, name, employeeNumber, unitCode, isLeader, gender, employmentType, hireDate, locale (optional). ' +
      'A blank cell keeps the current value of an existing person (the default for a new one). Line numbers count the header as line 1.',
  })
  @ApiOkResponse({ type: PeopleImportResultDto })
  import(@CurrentActor() actor: Actor, @Query() query: ImportQueryDto, @Body() body: unknown, @UploadedFile() file?: UploadedCsvFile) {
    return this.imports.importPeople(actor, requireOrganization(actor), csvText(body, file), {
      dryRun: query.dryRun === 'true',
      skipInvalid: query.skipInvalid === 'true',
    });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One person of the organisation (another organisation’s → 404)' })
  @ApiOkResponse({ type: PersonDto })
  get(@CurrentActor() actor: Actor, @Param('id', uuid) id: string) {
    return this.people.get(requireOrganization(actor), id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edits a person; becoming a leader sets leaderSince to today. Writes an audit entry naming the changed fields' })
  @ApiOkResponse({ type: PersonDto })
  update(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() body: UpdatePersonDto) {
    return this.people.update(actor, requireOrganization(actor), id, body);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivates a person (history kept, sessions ended, out of lists and rates); not oneself → 409' })
  @ApiOkResponse({ type: PersonDto })
  deactivate(@CurrentActor() actor: Actor, @Param('id', uuid) id: string) {
    return this.people.deactivate(actor, requireOrganization(actor), id);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivates a person; one in an archived unit must be moved first (409)' })
  @ApiOkResponse({ type: PersonDto })
  reactivate(@CurrentActor() actor: Actor, @Param('id', uuid) id: string) {
    return this.people.reactivate(actor, requireOrganization(actor), id);
  }
}
