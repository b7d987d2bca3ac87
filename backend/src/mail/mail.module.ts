import { Module } from '@nestjs/common';
import nodemailer from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { OutboxController } from './outbox.controller';
import { OutboxRepository } from './outbox.repository';
import { MAIL_TRANSPORT, OutboxService } from './outbox.service';

@Module({
  controllers: [OutboxController],
  providers: [
    OutboxRepository,
    OutboxService,
    {
      provide: MAIL_TRANSPORT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => (config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : null),
    },
  ],
  exports: [OutboxService],
})
export class MailModule {}
