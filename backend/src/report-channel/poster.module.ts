import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PosterController } from './poster.controller';
import { PosterService } from './poster.service';

/** The channel's poster: apart from the channel's core, it needs documents and settings only. */
@Module({
  imports: [DocumentsModule, OrganizationsModule],
  controllers: [PosterController],
  providers: [PosterService],
})
export class ReportChannelPosterModule {}
