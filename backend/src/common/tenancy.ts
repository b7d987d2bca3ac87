import { NotFoundException } from '@nestjs/common';
import type { Actor } from './actor';

/** The caller's own organisation; callers without one (platform admins, auditors) get 404. */
export function requireOrganization(actor: Actor): string {
  if (!actor.organizationId) throw new NotFoundException('No organisation here');
  return actor.organizationId;
}
