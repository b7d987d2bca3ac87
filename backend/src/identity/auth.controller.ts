import { Body, Controller, Get, HttpCode, Inject, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type Actor, CurrentActor, Public } from '../common/actor';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { AuthService } from './auth.service';
import { SESSION_COOKIE } from './auth.guard';
import { LoginDto, LoginResponseDto, MeDto, PasswordResetDto, SetPasswordDto, UpdateMeDto } from './identity.dto';

@ApiTags('Auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in; sets an httpOnly session cookie and returns a token for scripts' })
  @ApiOkResponse({ type: LoginResponseDto })
  async login(@Body() body: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const result = await this.auth.login(body.email, body.password, {
      ip: req.ip ?? 'unknown',
      userAgent: req.get('user-agent') ?? null,
    });
    res.cookie(SESSION_COOKIE, result.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.secureCookies,
      path: '/',
      maxAge: this.config.sessionTtlHours * 3600 * 1000,
    });
    return result;
  }

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
  @ApiOperation({ summary: 'Sends a one-time reset link through the outbox; answers 202 whether or not the account exists' })
  @ApiAcceptedResponse()
  async requestReset(@Body() body: PasswordResetDto) {
    await this.auth.requestPasswordReset(body.email);
  }

  @Public()
  @Post('auth/password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sets a password with a one-time link token; ends all sessions of the account' })
  @ApiNoContentResponse()
  async setPassword(@Body() body: SetPasswordDto) {
    await this.auth.setPassword(body.token, body.password);
  }

  @Get('me')
  @ApiOkResponse({ type: MeDto })
  me(@CurrentActor() actor: Actor) {
    return this.auth.me(actor.userId);
  }

  @Patch('me')
  @ApiOperation({ summary: "Updates the caller's own preferences (language)" })
  @ApiOkResponse({ type: MeDto })
  updateMe(@CurrentActor() actor: Actor, @Body() body: UpdateMeDto) {
    return this.auth.updateMe(actor, body.locale);
  }
}
