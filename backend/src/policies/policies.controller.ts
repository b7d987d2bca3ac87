import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../common/actor';
import { requireOrganization } from '../common/tenancy';
import { LangQueryDto } from '../learning/learning.dto';
import { AcknowledgeDto, PublishPolicyDto, SignaturesQueryDto } from './policies.dto';
import { PoliciesService } from './policies.service';

const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('Policies')
@Controller()
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  @Post('policies')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'Publishes a new version of the policy or the commitment declaration; everyone is asked to sign it' })
  publish(@CurrentActor() actor: Actor, @Body() body: PublishPolicyDto) {
    return this.policies.publish(actor, requireOrganization(actor), body);
  }

  @Get('policies/templates')
  @Roles('hr_admin')
  @ApiOperation({
    summary: 'Bilingual starting texts for the policy and the commitment declaration (citing UU 12/2022); HR fills in the [bracketed] facts before publishing',
  })
  templates() {
    return this.policies.templates();
  }

  @Post('policies/preview')
  @HttpCode(200)
  @Roles('hr_admin')
  @ApiOperation({
    summary: 'Previews a new version before publishing: the next version number, the text rendered as signers see it, and how many people will have to sign',
    description:
      '`toSign`: active people who will be asked to sign the new version (everyone active); `signedCurrent`: those of them who signed the current version and will have to sign again. Nothing is written.',
  })
  preview(@CurrentActor() actor: Actor, @Body() body: PublishPolicyDto) {
    return this.policies.publishPreview(requireOrganization(actor), body);
  }

  @Get('policies')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'Every version with how many leaders and staff signed it (of the active people)' })
  list(@CurrentActor() actor: Actor) {
    return this.policies.list(requireOrganization(actor));
  }

  @Get('policies/:id/signatures')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'Who signed (or not yet), leaders and staff apart' })
  signatures(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Query() query: SignaturesQueryDto) {
    const signed = query.signed === undefined ? undefined : query.signed === 'true';
    return this.policies.signatures(requireOrganization(actor), id, { group: query.group, signed }, query.page, query.pageSize);
  }

  @Get('my/policies')
  @Roles('employee')
  @ApiOperation({ summary: 'The current policy and commitment declaration, with when the caller signed them' })
  mine(@CurrentActor() actor: Actor, @Query() query: LangQueryDto) {
    return this.policies.mine(actor, requireOrganization(actor), query.lang ?? actor.locale);
  }

  @Post('policies/:id/acknowledge')
  @Roles('employee')
  @ApiOperation({ summary: 'Signs the current version by typing one’s full name; signing again keeps the first signature' })
  acknowledge(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() body: AcknowledgeDto) {
    return this.policies.acknowledge(actor, requireOrganization(actor), id, body.typedName);
  }
}
