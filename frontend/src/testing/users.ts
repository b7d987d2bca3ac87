import { CurrentUser, Role } from '../app/core/session/current-user';

export function userWith(
  roles: Role[],
  overrides: Partial<CurrentUser> = {},
): CurrentUser {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'someone@demo.test',
    name: 'Siti Rahma',
    roles,
    isLeader: false,
    organizationId:
      roles.includes('platform_admin') || roles.includes('auditor')
        ? null
        : 'org-1',
    unitId: null,
    partnerId: roles.includes('auditor') ? 'partner-1' : null,
    locale: 'en',
    ...overrides,
  };
}
