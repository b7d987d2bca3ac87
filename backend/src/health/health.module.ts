import { Module } from '@nestjs/common';
import { DatabaseOutage } from '../common/database-outage';
import { DocumentsModule } from '../documents/documents.module';
import { HealthController } from './health.controller';

// DatabaseOutage lives here because health is the module about the database being there; the global
// exception filter gets it from the app (bootstrap.ts).
@Module({ imports: [DocumentsModule], controllers: [HealthController], providers: [DatabaseOutage], exports: [DatabaseOutage] })
export class HealthModule {}
