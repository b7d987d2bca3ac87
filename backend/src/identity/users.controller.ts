import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../common/actor';
import { requireOrganization } from '../common/tenancy';
import { PeopleQueryDto, SetRolesDto } from './identity.dto';
import { UsersService } from './users.service';

@ApiTags('HR')
@Controller('users')
@Roles('hr_admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({
    summary: "People of the caller's organisation; search, filter by unit subtree, role, status, leader or staff, employment type",
    description: 'Each person has invitedAt (latest set-password or invitation link, null: never invited) and lastSignInAt (latest sign-in, null: never).',
  })
  list(@CurrentActor() actor: Actor, @Query() query: PeopleQueryDto) {
    const { page, pageSize, isLeader, ...filter } = query;
    return this.users.listPeople(
      requireOrganization(actor),
      { ...filter, isLeader: isLeader === undefined ? undefined : isLeader === 'true' },
      page,
      pageSize,
    );
  }

  @Put(':id/roles')
  @ApiOperation({ summary: 'Grants or revokes hr_admin (employee always stays); writes an audit-trail entry' })
  setRoles(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe({ version: undefined })) id: string, @Body() body: SetRolesDto) {
    return this.users.setRoles(actor, requireOrganization(actor), id, body.roles);
  }
}
