import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../common/actor';
import { DecideIndicatorsDto, IndicatorsLangDto, SideBySideQueryDto } from './indicators.dto';
import { IndicatorsService, type SideBySide } from './indicators.service';

const uuid = new ParseUUIDPipe({ version: undefined });

const SHAPE =
  '`[{ id, indicator, name, unit (share | count | days | points), higherIsBetter, target, status (proposed | accepted | commented), comment, ' +
  'available, note, values: [{ period, value, source: "report" | "current", reportId? }] }]`: one point per finished audit report of the ' +
  "organisation (the snapshot it stored, at its period's end), then the value today. Values come from the services that publish them " +
  'elsewhere (completion: the suppressed dashboard figures, null when hidden; survey shares: null below k respondents). `available: false` ' +
  'with a null value and a `note` marks a figure whose source is not in the platform yet.';

@ApiTags('Indicators')
@Controller()
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get('indicators/catalogue')
  @Roles('hr_admin', 'auditor')
  @ApiOperation({ summary: 'The indicators a partner can propose, with units and the range of their targets' })
  catalogue(@CurrentActor() actor: Actor, @Query() query: IndicatorsLangDto) {
    return this.indicators.catalogue(query.lang ?? actor.locale);
  }

  @Get('engagements/:id/indicators')
  @Roles('hr_admin', 'auditor')
  @ApiOperation({ summary: "The engagement's agreed (or proposed) indicators with their trend (HR of the organisation; auditors of the partner: an auditor.read entry)", description: SHAPE })
  list(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Query() query: IndicatorsLangDto) {
    return this.indicators.list(actor, id, query.lang ?? actor.locale);
  }

  @Put('engagements/:id/indicators')
  @Roles('auditor')
  @ApiOperation({
    summary: "The partner's auditor proposes indicators with targets; replaces any earlier proposal, which then waits for HR again",
    description:
      'Body `[{ indicator, target }]` (or `{ indicators: [...] }`). Targets: share 0–1, count 0–1,000,000, days 0–3650, points −1–1. ' +
      '400 names `indicators.N.indicator` or `indicators.N.target`. An `indicators.proposed` entry in the organisation’s trail. ' +
      '404 for anyone but an auditor of the engagement’s partner; 409 when the engagement is not in force. ' + SHAPE,
  })
  @ApiBody({ schema: { type: 'array', items: { type: 'object', properties: { indicator: { type: 'string' }, target: { type: 'number' } } } } })
  propose(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() body: unknown, @Query() query: IndicatorsLangDto) {
    return this.indicators.propose(actor, id, body, query.lang ?? actor.locale);
  }

  @Post('engagements/:id/indicators/accept')
  @Roles('hr_admin')
  @HttpCode(200)
  @ApiOperation({
    summary: 'HR accepts the proposed indicators, or comments without accepting (`{ accept: false, comment }`)',
    description: 'An `indicators.accepted` or `indicators.commented` entry in the trail. 409 when nothing is proposed. ' + SHAPE,
  })
  decide(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() body: DecideIndicatorsDto, @Query() query: IndicatorsLangDto) {
    return this.indicators.decide(actor, id, body, query.lang ?? actor.locale);
  }

  @Get('organizations/:orgId/indicators')
  @Roles('hr_admin', 'auditor')
  @ApiOperation({
    summary: 'The shared read-only view: the organisation’s agreed indicators with their trend, and every catalogue value today (HR and engaged auditors)',
    description: '`{ engagementId, indicators: [...as GET /engagements/:id/indicators], values: { [indicator]: { value, available, note, suppressed } } }` (`suppressed`: hidden because it is about fewer than k people). ' + SHAPE,
  })
  overview(@CurrentActor() actor: Actor, @Param('orgId') orgId: string, @Query() query: IndicatorsLangDto) {
    return this.indicators.overview(actor, orgId, query.lang ?? actor.locale);
  }

  @Get('partners/me/indicators')
  @Roles('auditor')
  @ApiOperation({
    summary: "A partner's organisations side by side: every catalogue indicator's value today against the agreed target, one column per organisation the partner has an engagement in force with (aggregates only)",
    description:
      '`?page=1&pageSize=10` (at most 20: each organisation is computed live) → `{ catalogue: [{ indicator, name, unit, higherIsBetter }], items: [{ engagementId, ' +
      'organizationId, organizationName, periodStart, periodEnd, scope, agreement (proposed | accepted | commented | null), asOf, indicators: [{ indicator, ' +
      'target, value, available, suppressed, status (met | not_met | no_value | no_target) }] }], total, page, pageSize }`, organisations by name. ' +
      'The values are those of `GET /engagements/:id/indicators` and the shared view (the same services, today); `suppressed: true` with a null value ' +
      'means the figure is about fewer than k people and is hidden. Only organisations with an engagement of the caller’s partner in force today ' +
      'appear; each one read is an `auditor.read` entry in its trail.',
  })
  sideBySide(@CurrentActor() actor: Actor, @Query() query: SideBySideQueryDto): Promise<SideBySide> {
    return this.indicators.sideBySide(actor, query.page, query.pageSize, query.lang ?? actor.locale);
  }
}
