import { Module } from '@nestjs/common';
import nodemailer from 'nodemailer';
import { AuditTrailModule } from '../audit-trail/audit-trail.module';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { MailTemplatesController } from './mail-templates.controller';
import { MailTemplatesRepository } from './mail-templates.repository';
import { MailTemplatesService } from './mail-templates.service';
import { OutboxController } from './outbox.controller';
import { OutboxRepository } from './outbox.repository';
import { MAIL_TRANSPORT, OutboxService } from './outbox.service';
import { SecretBox } from './secret-box';

@Module({
  imports: [AuditTrailModule],
  controllers: [OutboxController, MailTemplatesController],
  providers: [
    OutboxRepository,
    OutboxService,
    SecretBox,
    MailTemplatesRepository,
    MailTemplatesService,
    {
      provide: MAIL_TRANSPORT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.smtpUrl
          ? nodemailer.createTransport(config.smtpUrl)
          : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }),
    },
  ],
  exports: [OutboxService, SecretBox, MailTemplatesService],
})
export class MailModule {}
