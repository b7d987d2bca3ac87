import {
  HttpClient,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { translocoTesting } from '../../../testing/transloco-testing';
import { userWith } from '../../../testing/users';
import { SessionStore } from '../session/session-store';
import { authInterceptor } from './auth-interceptor';

const UNAUTHORIZED = { status: 401, statusText: 'Unauthorized' };
const BODY = { statusCode: 401, message: 'Unauthorized' };

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let session: SessionStore;
  let navigate: jest.SpyInstance;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    session = TestBed.inject(SessionStore);
    navigate = jest
      .spyOn(TestBed.inject(Router), 'navigate')
      .mockResolvedValue(true);

    const signedIn = session.load();
    backend.expectOne('/api/me').flush(userWith(['employee', 'hr_admin']));
    await signedIn;
  });

  afterEach(() => backend.verify());

  it('on 401 from an API call, clears the session and sends the person to sign in', async () => {
    const call = firstValueFrom(
      http.get('/api/users', { params: { page: 1 } }),
    );
    backend
      .expectOne((req) => req.url === '/api/users')
      .flush(BODY, UNAUTHORIZED);

    await expect(call).rejects.toMatchObject({ status: 401 });
    expect(session.user()).toBeNull();
    expect(navigate).toHaveBeenCalledWith(['/login'], {
      queryParams: { returnUrl: '/' },
    });
  });

  it.each(['/api/me', '/api/auth/login', '/api/auth/password', '/api/reporter/report'])(
    'leaves a 401 from %s to its caller',
    async (url) => {
      const call = firstValueFrom(http.post(url, {}));
      backend.expectOne(url).flush(BODY, UNAUTHORIZED);

      await expect(call).rejects.toMatchObject({ status: 401 });
      expect(navigate).not.toHaveBeenCalled();
      expect(session.user()).not.toBeNull();
    },
  );

  it('does not treat other errors as a lost session', async () => {
    const call = firstValueFrom(http.get('/api/units'));
    backend
      .expectOne('/api/units')
      .flush(
        { statusCode: 403, message: 'Forbidden' },
        { status: 403, statusText: 'Forbidden' },
      );

    await expect(call).rejects.toMatchObject({ status: 403 });
    expect(navigate).not.toHaveBeenCalled();
    expect(session.user()).not.toBeNull();
  });

  it('passes successful responses through untouched', async () => {
    const call = firstValueFrom(http.get('/api/units'));
    backend
      .expectOne('/api/units')
      .flush([{ id: 'u1', code: 'HQ', name: 'HQ', parentId: null }]);

    await expect(call).resolves.toEqual([
      { id: 'u1', code: 'HQ', name: 'HQ', parentId: null },
    ]);
  });
});
