import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TranslocoService } from '@jsverse/transloco';
import { translocoTesting } from '../../../testing/transloco-testing';
import { userWith } from '../../../testing/users';
import { SessionStore } from './session-store';

describe('SessionStore', () => {
  let sut: SessionStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    sut = TestBed.inject(SessionStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('signs in with the credentials as the API expects and holds the user', async () => {
    const hr = userWith(['employee', 'hr_admin']);
    const login = sut.login('hr@demo.test', 'demo-pass-2026');

    const req = http.expectOne('/api/auth/login');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      email: 'hr@demo.test',
      password: 'demo-pass-2026',
    });
    req.flush({ user: hr, token: 'opaque' });

    await expect(login).resolves.toEqual(hr);
    expect(sut.user()).toEqual(hr);
    expect(sut.loaded()).toBe(true);
    expect(sut.isHr()).toBe(true);
    expect(sut.isEmployee()).toBe(true);
    expect(sut.isAuditor()).toBe(false);
    expect(sut.landingPath()).toBe('/hr');
  });

  it('applies the language saved on the account when signing in', async () => {
    const login = sut.login('staff@demo.test', 'demo-pass-2026');
    http
      .expectOne('/api/auth/login')
      .flush({ user: userWith(['employee'], { locale: 'id' }), token: 't' });
    await login;

    expect(TestBed.inject(TranslocoService).getActiveLang()).toBe('id');
    expect(document.documentElement.lang).toBe('id');
  });

  it('rejects a wrong password and stays signed out', async () => {
    const login = sut.login('hr@demo.test', 'wrong');
    http
      .expectOne('/api/auth/login')
      .flush(
        { statusCode: 401, message: 'Unauthorized' },
        { status: 401, statusText: 'Unauthorized' },
      );

    await expect(login).rejects.toMatchObject({ status: 401 });
    expect(sut.user()).toBeNull();
  });

  it('signs out on the server and forgets the user', async () => {
    const login = sut.login('hr@demo.test', 'demo-pass-2026');
    http
      .expectOne('/api/auth/login')
      .flush({ user: userWith(['employee']), token: 't' });
    await login;

    const logout = sut.logout();
    const req = http.expectOne('/api/auth/logout');
    expect(req.request.method).toBe('POST');
    req.flush(null, { status: 204, statusText: 'No Content' });

    await expect(logout).resolves.toBeUndefined();
    expect(sut.user()).toBeNull();
    expect(sut.isAuthenticated()).toBe(false);
    expect(sut.roles()).toEqual([]);
  });

  it('forgets the user even when the server cannot be reached on sign-out', async () => {
    const login = sut.login('hr@demo.test', 'demo-pass-2026');
    http
      .expectOne('/api/auth/login')
      .flush({ user: userWith(['employee']), token: 't' });
    await login;

    const logout = sut.logout();
    http.expectOne('/api/auth/logout').error(new ProgressEvent('error'));

    await expect(logout).resolves.toBeUndefined();
    expect(sut.user()).toBeNull();
  });

  it('asks /api/me only once', async () => {
    const me = userWith(['employee']);
    const first = sut.load();
    const second = sut.load();
    http.expectOne('/api/me').flush(me);

    await expect(first).resolves.toEqual(me);
    await expect(second).resolves.toEqual(me);
    await expect(sut.load()).resolves.toEqual(me);
    http.expectNone('/api/me');
  });

  it('treats 401 from /api/me as signed out', async () => {
    const load = sut.load();
    http
      .expectOne('/api/me')
      .flush(
        { statusCode: 401, message: 'Unauthorized' },
        { status: 401, statusText: 'Unauthorized' },
      );

    await expect(load).resolves.toBeNull();
    expect(sut.loaded()).toBe(true);
  });

  it('asks again after the server could not be reached', async () => {
    const load = sut.load();
    http.expectOne('/api/me').error(new ProgressEvent('error'));
    await expect(load).resolves.toBeNull();
    expect(sut.loaded()).toBe(false);

    const retry = sut.load();
    http.expectOne('/api/me').flush(userWith(['employee']));
    await expect(retry).resolves.not.toBeNull();
  });

  it('remembers a language switch on the account when signed in', async () => {
    const load = sut.load();
    http.expectOne('/api/me').flush(userWith(['employee'], { locale: 'en' }));
    await load;

    const change = sut.changeLanguage('id');
    const req = http.expectOne('/api/me');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ locale: 'id' });
    req.flush(null, { status: 204, statusText: 'No Content' });

    await expect(change).resolves.toBeUndefined();
    expect(sut.user()?.locale).toBe('id');
    expect(document.documentElement.lang).toBe('id');
    expect(localStorage.getItem('aman.locale')).toBe('id');
  });

  it('keeps a language switch in this browser only when signed out', async () => {
    await expect(sut.changeLanguage('en')).resolves.toBeUndefined();
    http.expectNone('/api/me');
    expect(localStorage.getItem('aman.locale')).toBe('en');
    expect(TestBed.inject(TranslocoService).getActiveLang()).toBe('en');
  });
});
