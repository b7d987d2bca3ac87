import { Injectable } from '@nestjs/common';
import type { SetupStatusDto } from './setup-status.controller';
import { SetupStatusRepository } from './setup-status.repository';

@Injectable()
export class SetupStatusService {
  constructor(private readonly repository: SetupStatusRepository) {}

  async status(organizationId: string): Promise<SetupStatusDto> {
    const row = await this.repository.status(organizationId);
    const { notInvited, ...steps } = row;
    return { ...row, complete: Object.values(steps).every(Boolean) && notInvited === 0 };
  }
}
