import { Body, Controller, Get, HttpCode, Inject, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type Actor, CurrentActor, Public } from '../common/actor';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { AuthService } from './auth.service';
import { PasswordLinksService, RESET_LIMITS } from './password-links.service';
import { AllowedBeforeTotpEnrollment, SESSION_COOKIE } from './auth.guard';
import { ChangePasswordDto, LoginDto, LoginResponseDto, MeDto, TotpLoginDto, PasswordResetDto, SetPasswordDto, UpdateMeDto } from './identity.dto';

@ApiTags('Auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly links: PasswordLinksService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in; sets an httpOnly session cookie and returns a token for scripts',
    description:
      'With TOTP turned on, a correct password answers 200 `{ totpRequired: true, challenge }` and no session: ' +
      'send `{ challenge, code }` to POST /api/auth/login/totp.',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  async login(@Body() body: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const result = await this.auth.login(body.email, body.password, {
      ip: req.ip ?? 'unknown',
      userAgent: req.get('user-agent') ?? null,
    });
    if ('totpRequired' in result) return result;
    return this.startSession(result, res);
  }

  @Public()
  @Post('auth/login/totp')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Second step of a sign-in with TOTP: { challenge, code } → the normal login answer and session cookie',
    description:
      'The challenge lives 5 minutes and takes 5 attempts; a code works once; a recovery code (each usable once) may replace it. ' +
      'Wrong or expired → 401; repeated wrong codes for one account → 429.',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  async loginTotp(@Body() body: TotpLoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const result = await this.auth.loginWithTotp(body.challenge, body.code, {
      ip: req.ip ?? 'unknown',
      userAgent: req.get('user-agent') ?? null,
    });
    return this.startSession(result, res);
  }

  private startSession(result: { token: string; user: MeDto }, res: Response) {
    res.cookie(SESSION_COOKIE, result.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.secureCookies,
      path: '/',
      maxAge: this.config.sessionTtlHours * 3600 * 1000,
    });
    return result;
  }

  @AllowedBeforeTotpEnrollment()
  @Post('auth/logout')
  @HttpCode(204)
  @ApiNoContentResponse()
  async logout(@CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response) {
    await this.auth.logout(actor);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Public()
  @Post('auth/password-reset')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Sends a one-time reset link through the outbox; answers 202 whether or not the account exists',
    description:
      'The link reaches only the owner: the stored outbox message holds a placeholder, never the link. ' +
      `Rate-limited per typed address (${RESET_LIMITS.perAccount}/hour) and per client address (${RESET_LIMITS.perAddress}/hour); ` +
      'over the limit the answer is still 202 and nothing is sent. The answer takes the same time whether or not the account exists. ' +
      'A new link voids every older link of the account.',
  })
  @ApiAcceptedResponse()
  async requestReset(@Body() body: PasswordResetDto, @Req() req: Request) {
    await this.links.requestReset(body.email, req.ip ?? 'unknown');
  }

  @Public()
  @Post('auth/password')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Sets a password with a one-time link token; ends all sessions of the account and voids its other links',
    description: 'A recipient of confidential reports may send `recoveryKey` to keep their key pair (see the field); a wrong one → 400 naming it.',
  })
  @ApiNoContentResponse()
  async setPassword(@Body() body: SetPasswordDto) {
    await this.links.setPassword(body.token, body.password, body.recoveryKey);
  }

  @Post('me/password')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Changes the caller’s password with the current one',
    description:
      'Ends every other session of the account (this one stays), voids every one-time link and writes an audit-trail entry. ' +
      'A wrong current password → 400 naming `currentPassword`; repeated wrong ones → 429.',
  })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ description: '`currentPassword` is wrong, or `password` is too short' })
  async changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto) {
    await this.links.changePassword(actor, body.currentPassword, body.password);
  }

  @AllowedBeforeTotpEnrollment()
  @Get('me')
  @ApiOkResponse({ type: MeDto })
  me(@CurrentActor() actor: Actor) {
    return this.auth.me(actor);
  }

  @Patch('me')
  @ApiOperation({ summary: "Updates the caller's own preferences (language)" })
  @ApiOkResponse({ type: MeDto })
  updateMe(@CurrentActor() actor: Actor, @Body() body: UpdateMeDto) {
    return this.auth.updateMe(actor, body.locale);
  }
}
