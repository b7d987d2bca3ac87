import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { userWith } from '../../testing/users';
import { LoginPage } from './login-page';

describe('LoginPage', () => {
  let fixture: ComponentFixture<LoginPage>;
  let page: HTMLElement;
  let backend: HttpTestingController;
  let navigateByUrl: jest.SpyInstance;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [LoginPage, translocoTesting()],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    navigateByUrl = jest
      .spyOn(TestBed.inject(Router), 'navigateByUrl')
      .mockResolvedValue(true);
    fixture = TestBed.createComponent(LoginPage);
    page = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  function type(selector: string, value: string): void {
    const input = page.querySelector<HTMLInputElement>(selector);
    if (!input) throw new Error(`no ${selector}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  function submit(email = 'hr@demo.test', password = 'demo-pass-2026'): void {
    type('#login-email', email);
    type('#login-password', password);
    page.querySelector('form')?.dispatchEvent(new Event('submit'));
    fixture.detectChanges();
  }

  function alertText(): string {
    return (
      page.querySelector('#login-error[role="alert"]')?.textContent?.trim() ??
      ''
    );
  }

  it('has labelled fields', async () => {
    await fixture.whenStable();
    expect(
      page.querySelector('label[for="login-email"]')?.textContent,
    ).toContain('Email');
    expect(
      page.querySelector('label[for="login-password"]')?.textContent,
    ).toContain('Password');
  });

  it('posts the email and password and disables the button while waiting', async () => {
    submit();
    const req = backend.expectOne('/api/auth/login');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      email: 'hr@demo.test',
      password: 'demo-pass-2026',
    });
    expect(
      page.querySelector<HTMLButtonElement>('button[type="submit"]')?.disabled,
    ).toBe(true);

    req.flush({ user: userWith(['employee', 'hr_admin']), token: 't' });
    await settle(fixture);
    expect(
      page.querySelector<HTMLButtonElement>('button[type="submit"]')?.disabled,
    ).toBe(false);
  });

  it('says the email or password is wrong on 401', async () => {
    submit();
    backend
      .expectOne('/api/auth/login')
      .flush(
        { statusCode: 401, message: 'Unauthorized' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await settle(fixture);

    expect(alertText()).toBe('Email or password is wrong');
    expect(
      page.querySelector('#login-email')?.getAttribute('aria-describedby'),
    ).toContain('login-error');
    expect(navigateByUrl).not.toHaveBeenCalled();
  });

  it('asks to wait on 429', async () => {
    submit();
    backend
      .expectOne('/api/auth/login')
      .flush(
        { statusCode: 429, message: 'Too Many Requests' },
        { status: 429, statusText: 'Too Many Requests' },
      );
    await settle(fixture);

    expect(alertText()).toBe('Too many attempts, try again later');
  });

  it('does not post an empty form and explains why', async () => {
    page.querySelector('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();

    backend.expectNone('/api/auth/login');
    const email = page.querySelector('#login-email');
    expect(email?.getAttribute('aria-invalid')).toBe('true');
    expect(email?.getAttribute('aria-describedby')).toContain(
      'login-email-error',
    );
    expect(page.querySelector('#login-email-error')?.textContent).toContain(
      'email address',
    );
  });

  it('goes to the landing area of the person after signing in', async () => {
    submit();
    backend
      .expectOne('/api/auth/login')
      .flush({ user: userWith(['auditor']), token: 't' });
    await settle(fixture);

    expect(navigateByUrl).toHaveBeenCalledWith('/audit');
  });

  it('goes back to the return URL, but never to another site', async () => {
    fixture.componentRef.setInput('returnUrl', '/hr/outbox?page=2');
    submit();
    backend
      .expectOne('/api/auth/login')
      .flush({ user: userWith(['employee', 'hr_admin']), token: 't' });
    await settle(fixture);
    expect(navigateByUrl).toHaveBeenLastCalledWith('/hr/outbox?page=2');

    fixture.componentRef.setInput('returnUrl', '//evil.example/steal');
    submit();
    backend
      .expectOne('/api/auth/login')
      .flush({ user: userWith(['employee', 'hr_admin']), token: 't' });
    await settle(fixture);
    expect(navigateByUrl).toHaveBeenLastCalledWith('/hr');
  });

  it('asks for the authenticator code when the account has a second factor, then signs in with it', async () => {
    submit();
    backend
      .expectOne('/api/auth/login')
      .flush({ totpRequired: true, challenge: 'challenge-1' });
    await settle(fixture);
    expect(navigateByUrl).not.toHaveBeenCalled();
    const code = page.querySelector<HTMLInputElement>('#login-code');
    expect(code?.getAttribute('autocomplete')).toBe('one-time-code');
    expect(
      page.querySelector('label[for="login-code"]')?.textContent,
    ).toContain('Code from your authenticator app');

    type('#login-code', '123456');
    page.querySelector('form')?.dispatchEvent(new Event('submit'));
    fixture.detectChanges();
    const wrong = backend.expectOne('/api/auth/login/totp');
    expect(wrong.request.body).toEqual({
      challenge: 'challenge-1',
      code: '123456',
    });
    wrong.flush(
      { statusCode: 401, message: 'The code is wrong' },
      { status: 401, statusText: 'Unauthorized' },
    );
    await settle(fixture);
    expect(alertText()).toContain('The code is wrong, already used or expired');

    type('#login-code', 'abcd-efgh-ijkl');
    page.querySelector('form')?.dispatchEvent(new Event('submit'));
    fixture.detectChanges();
    backend
      .expectOne('/api/auth/login/totp')
      .flush({ user: userWith(['employee', 'hr_admin']), token: 't' });
    await settle(fixture);
    expect(navigateByUrl).toHaveBeenLastCalledWith('/hr');
  });

  it('sends an HR admin who must still set up a second factor to the account page', async () => {
    submit();
    backend.expectOne('/api/auth/login').flush({
      user: userWith(['employee', 'hr_admin'], {
        totpEnrollmentRequired: true,
      }),
      token: 't',
    });
    await settle(fixture);
    expect(navigateByUrl).toHaveBeenLastCalledWith('/account');
  });
});
