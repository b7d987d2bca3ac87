import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../common/actor';
import { AllowedBeforeTotpEnrollment } from './auth.guard';
import { CurrentPasswordDto, HrTotpRequirementDto, TotpCodeDto } from './identity.dto';
import { TotpService } from './totp.service';

@ApiTags('Auth')
@Controller()
export class TotpController {
  constructor(private readonly totp: TotpService) {}

  @Get('me/totp')
  @AllowedBeforeTotpEnrollment()
  @ApiOperation({ summary: "The caller's second factor: { enabled, allowed (by role: HR admins, platform admins), required (by the organisation), recoveryCodesLeft }" })
  status(@CurrentActor() actor: Actor) {
    return this.totp.status(actor);
  }

  @Post('me/totp/setup')
  @HttpCode(200)
  @AllowedBeforeTotpEnrollment()
  @ApiOperation({ summary: 'Starts TOTP set-up: a new seed (base32), its otpauth:// URI and a QR code (PNG data URL); pending until confirmed. Already on → 409; other roles → 403' })
  setup(@CurrentActor() actor: Actor) {
    return this.totp.setup(actor);
  }

  @Post('me/totp/enable')
  @HttpCode(200)
  @AllowedBeforeTotpEnrollment()
  @ApiOperation({ summary: 'Confirms the set-up with a current code; answers 10 one-time recovery codes, shown this once (stored hashed)' })
  @ApiBadRequestResponse({ description: '`code` is wrong' })
  enable(@CurrentActor() actor: Actor, @Body() body: TotpCodeDto) {
    return this.totp.enable(actor, body.code);
  }

  @Post('me/totp/disable')
  @HttpCode(204)
  @ApiOperation({ summary: 'Turns TOTP off with the current password; refused (409) while the organisation requires it of HR admins' })
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'The organisation requires a second factor for HR admins' })
  async disable(@CurrentActor() actor: Actor, @Body() body: CurrentPasswordDto) {
    await this.totp.disable(actor, body.currentPassword);
  }

  @Get('organizations/:orgId/security')
  @Roles('hr_admin')
  @ApiOperation({ summary: "The organisation's sign-in rules: { requireHrTotp }" })
  security(@Param('orgId') orgId: string) {
    return this.totp.organizationRequirement(orgId);
  }

  @Put('organizations/:orgId/security')
  @Roles('hr_admin')
  @ApiOperation({
    summary: 'Requires (or not) a second factor of every HR admin of the organisation; writes a trail entry',
    description: 'When on, an HR admin without TOTP can, after signing in, only read /api/me and set TOTP up: every other route answers 403 `totp_enrollment_required`.',
  })
  setSecurity(@CurrentActor() actor: Actor, @Param('orgId') orgId: string, @Body() body: HrTotpRequirementDto) {
    return this.totp.setOrganizationRequirement(actor, orgId, body.requireHrTotp);
  }
}
