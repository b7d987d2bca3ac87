import { Module } from '@nestjs/common';
import { ChannelSecret } from './channel-secret';
import { ReportChannelController } from './report-channel.controller';
import { ReportChannelRepository } from './report-channel.repository';
import { ReportChannelService } from './report-channel.service';
import { ReportContent } from './report-content';

@Module({
  controllers: [ReportChannelController],
  providers: [ReportChannelService, ReportChannelRepository, ReportContent, ChannelSecret],
  exports: [ReportChannelService],
})
export class ReportChannelModule {}
