import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../common/actor';
import { PageQueryDto } from '../common/pagination';
import { requireOrganization } from '../common/tenancy';
import { OutboxService } from './outbox.service';

@ApiTags('HR')
@Controller('outbox')
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  @Roles('hr_admin')
  @ApiOperation({ summary: "The organisation's outgoing mail (invitations, password links, reminders), newest first" })
  list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto) {
    return this.outbox.list(requireOrganization(actor), query.page, query.pageSize);
  }
}
