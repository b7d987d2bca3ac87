import { Module } from '@nestjs/common';
import { AuditTrailModule } from '../audit-trail/audit-trail.module';
import { IdentityModule } from '../identity/identity.module';
import { MailModule } from '../mail/mail.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { CaseStatisticsController } from './case-statistics.controller';
import { CaseStatisticsService } from './case-statistics.service';
import { RetentionService } from './retention.service';
import { PhoneReportsService } from './phone-reports.service';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';
import { ChannelSecret } from './channel-secret';
import { RecipientKeysRepository } from './recipient-keys.repository';
import { RecipientKeysService } from './recipient-keys.service';
import { ReportChannelController } from './report-channel.controller';
import { ReportChannelRepository } from './report-channel.repository';
import { ReportChannelService } from './report-channel.service';
import { ReportContent } from './report-content';

@Module({
  imports: [IdentityModule, AuditTrailModule, TenancyModule, MailModule],
  controllers: [ReportChannelController, CasesController, CaseStatisticsController],
  providers: [
    ReportChannelService,
    ReportChannelRepository,
    ReportContent,
    ChannelSecret,
    CasesService,
    CasesRepository,
    RecipientKeysService,
    RecipientKeysRepository,
    RetentionService,
    CaseStatisticsService,
    PhoneReportsService,
  ],
  exports: [ReportChannelService, CaseStatisticsService, ChannelSecret],
})
export class ReportChannelModule {}
