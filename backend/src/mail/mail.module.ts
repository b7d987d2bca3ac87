import { Module } from '@nestjs/common';
import nodemailer from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { OutboxController } from './outbox.controller';
import { OutboxRepository } from './outbox.repository';
import { MAIL_TRANSPORT, OutboxService } from './outbox.service';
import { SecretBox } from './secret-box';

@Module({
  controllers: [OutboxController],
  providers: [
    OutboxRepository,
    OutboxService,
    SecretBox,
    {
      provide: MAIL_TRANSPORT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.smtpUrl
          ? nodemailer.createTransport(config.smtpUrl)
          : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }),
    },
  ],
  exports: [OutboxService, SecretBox],
})
export class MailModule {}
