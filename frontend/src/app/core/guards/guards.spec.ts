import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  ActivatedRouteSnapshot,
  CanActivateFn,
  GuardResult,
  Router,
  RouterStateSnapshot,
  provideRouter,
} from '@angular/router';
import { translocoTesting } from '../../../testing/transloco-testing';
import { userWith } from '../../../testing/users';
import { CurrentUser, Role } from '../session/current-user';
import { authGuard } from './auth-guard';
import { landingGuard } from './landing-guard';
import { roleGuard } from './role-guard';

describe('guards', () => {
  let backend: HttpTestingController;
  let router: Router;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
  });

  afterEach(() => backend.verify());

  /** Runs a guard for `url`, answering its `/api/me` call with `me` (null: 401). */
  async function run(
    guard: CanActivateFn,
    url: string,
    me: CurrentUser | null,
  ): Promise<string | boolean> {
    const result = TestBed.runInInjectionContext(() =>
      guard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot),
    ) as Promise<GuardResult>;
    const req = backend.expectOne('/api/me');
    if (me) req.flush(me);
    else
      req.flush(
        { statusCode: 401, message: 'Unauthorized' },
        { status: 401, statusText: 'Unauthorized' },
      );
    const outcome = await result;
    return typeof outcome === 'boolean'
      ? outcome
      : router.serializeUrl(outcome as never);
  }

  describe('authGuard', () => {
    it('lets a signed-in person through', async () => {
      await expect(
        run(authGuard, '/learn', userWith(['employee'])),
      ).resolves.toBe(true);
    });

    it('sends everyone else to sign in, remembering where they were going', async () => {
      await expect(run(authGuard, '/hr/people', null)).resolves.toBe(
        '/login?returnUrl=%2Fhr%2Fpeople',
      );
    });
  });

  describe('roleGuard', () => {
    it('lets a person with one of the roles through', async () => {
      await expect(
        run(roleGuard(['hr_admin']), '/hr', userWith(['employee', 'hr_admin'])),
      ).resolves.toBe(true);
    });

    it.each<[Role[], string, Role[], string]>([
      [['hr_admin'], '/hr', ['employee'], '/learn'],
      [['platform_admin'], '/admin', ['auditor'], '/audit'],
      [['auditor'], '/audit', ['employee', 'hr_admin'], '/hr'],
    ])(
      'for %j at %s, sends %j to their own area %s',
      async (allowed, url, roles, landing) => {
        await expect(
          run(roleGuard(allowed), url, userWith(roles)),
        ).resolves.toBe(landing);
      },
    );

    it('shows no-access when the person has no role that any area accepts', async () => {
      await expect(
        run(roleGuard(['employee']), '/learn', userWith([])),
      ).resolves.toBe('/no-access');
    });

    it('sends a signed-out person to sign in', async () => {
      await expect(run(roleGuard(['auditor']), '/audit', null)).resolves.toBe(
        '/login?returnUrl=%2Faudit',
      );
    });
  });

  describe('landingGuard', () => {
    it.each<[Role[], string]>([
      [['platform_admin'], '/admin'],
      [['employee', 'hr_admin'], '/hr'],
      [['auditor'], '/audit'],
      [['employee'], '/learn'],
      [[], '/learn'],
    ])('sends %j to %s', async (roles, landing) => {
      await expect(run(landingGuard, '/', userWith(roles))).resolves.toBe(
        landing,
      );
    });

    it('sends a signed-out visitor to sign in', async () => {
      await expect(run(landingGuard, '/', null)).resolves.toBe('/login');
    });
  });
});
