import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../common/actor';
import { APP_CONFIG, type AppConfig } from '../config/config';

@ApiTags('Health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
    return { status: 'ok', database: 'up', documents: this.config.chromiumPath ? 'up' : 'unavailable' };
  }
}
