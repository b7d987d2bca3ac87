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
  @ApiOperation({ summary: 'Liveness and readiness: database reachable; whether PDFs can be rendered' })
  @ApiOkResponse({ schema: { example: { status: 'ok', database: 'up', documents: 'up' } } })
  async health() {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException({ statusCode: 503, status: 'error', database: 'down', message: 'The database is unreachable' });
    }
    return { status: 'ok', database: 'up', documents: this.documents.available ? 'up' : 'unavailable' };
  }
}
