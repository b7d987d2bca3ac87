import { Role } from './current-user';

/** Where a person lands at `/`: the most specific area their roles open. */
export function landingPathFor(roles: readonly Role[]): string {
  if (roles.includes('platform_admin')) return '/admin';
  if (roles.includes('hr_admin')) return '/hr';
  if (roles.includes('auditor')) return '/audit';
  if (roles.includes('case_handler')) return '/cases';
  return '/learn';
}
