import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { nextRequest } from '../testing/async';
import { translocoTesting } from '../testing/transloco-testing';
import { userWith } from '../testing/users';
import { appRoutes } from './app.routes';
import { Role } from './core/session/current-user';

describe('appRoutes', () => {
  let router: Router;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(appRoutes),
      ],
    });
    router = TestBed.inject(Router);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function navigateAs(
    roles: Role[] | null,
    url: string,
  ): Promise<string> {
    const navigation = router.navigateByUrl(url);
    const me = await nextRequest(backend, '/api/me');
    if (roles) me.flush(userWith(roles));
    else
      me.flush(
        { statusCode: 401, message: 'Unauthorized' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await navigation;
    return router.url;
  }

  it.each<[Role[], string]>([
    [['platform_admin'], '/admin/organizations'],
    [['employee', 'hr_admin'], '/hr/dashboard'],
    [['auditor'], '/audit'],
    [['employee'], '/learn'],
  ])('lands %j on %s', async (roles, landing) => {
    await expect(navigateAs(roles, '/')).resolves.toBe(landing);
  });

  it('sends a signed-out visitor from a protected page to sign in and back', async () => {
    await expect(navigateAs(null, '/hr/outbox')).resolves.toBe(
      '/login?returnUrl=%2Fhr%2Foutbox',
    );
  });

  it('keeps staff out of the HR area', async () => {
    await expect(navigateAs(['employee'], '/hr')).resolves.toBe('/learn');
  });

  it('serves the privacy notice without signing in', async () => {
    await router.navigateByUrl('/privacy');
    backend.expectNone('/api/me');
    expect(router.url).toBe('/privacy');
  });

  it('serves certificate verification without signing in', async () => {
    await router.navigateByUrl('/verify/7K3M-Q9TX-4B2N-8WZR-1HDF');
    backend.expectNone('/api/me');
    expect(router.url).toBe('/verify/7K3M-Q9TX-4B2N-8WZR-1HDF');
  });

  it.each([
    ['/learn/modules/basics', undefined],
    ['/learn/modules/basics/lessons/l2', 'l2'],
  ])('opens the reader at %s', async (url, lessonId) => {
    await expect(navigateAs(['employee'], url)).resolves.toBe(url);
    let route = router.routerState.snapshot.root;
    while (route.firstChild) route = route.firstChild;
    expect(route.params).toEqual({
      slug: 'basics',
      ...(lessonId ? { lessonId } : {}),
    });
  });
});
