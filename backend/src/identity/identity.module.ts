import { Module } from '@nestjs/common';
import { AuditTrailModule } from '../audit-trail/audit-trail.module';
import { MailModule } from '../mail/mail.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { CredentialEvents } from './credential-events';
import { InvitationsController } from './invitations.controller';
import { TotpController } from './totp.controller';
import { TotpRepository } from './totp.repository';
import { TotpService } from './totp.service';
import { LoginThrottleRepository } from './login-throttle.repository';
import { RateLimiter } from '../common/rate-limit';
import { PasswordLinksService } from './password-links.service';
import { PasswordTokensRepository } from './password-tokens.repository';
import { SessionsRepository } from './sessions.repository';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [AuditTrailModule, MailModule],
  controllers: [AuthController, UsersController, InvitationsController, TotpController],
  providers: [
    AuthService,
    UsersService,
    AuthGuard,
    UsersRepository,
    SessionsRepository,
    LoginThrottleRepository,
    PasswordTokensRepository,
    PasswordLinksService,
    TotpService,
    TotpRepository,
    RateLimiter,
    CredentialEvents,
  ],
  exports: [AuthService, UsersService, AuthGuard, CredentialEvents],
})
export class IdentityModule {}
