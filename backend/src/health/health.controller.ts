import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../common/actor';
import { DocumentsService } from '../documents/documents.service';

@ApiTags('Health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly documents: DocumentsService,
  ) {}

  @Public()
  @Get()
  @ApiOperation({
    summary: 'Liveness and readiness: database reachable; whether PDFs can be rendered',
    description:
      '`documents`: `up` (Chromium running, or found and started on first use), `unavailable` (no Chromium installed), ' +
      '`down` (the browser died or failed to start and a relaunch attempted by this probe failed within 5 s). ' +
      'PDFs being down does not make the app unhealthy: the answer stays 200 and PDF endpoints answer 503.',
  })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        status: { type: 'string', enum: ['ok'] },
        database: { type: 'string', enum: ['up'] },
        documents: { type: 'string', enum: ['up', 'down', 'unavailable'] },
      },
      example: { status: 'ok', database: 'up', documents: 'up' },
    },
  })
  async health() {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException({ statusCode: 503, status: 'error', database: 'down', message: 'The database is unreachable' });
    }
    return { status: 'ok', database: 'up', documents: await this.documents.health() };
  }
}
