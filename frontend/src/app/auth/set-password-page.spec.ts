import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { SetPasswordPage } from './set-password-page';

describe('SetPasswordPage', () => {
  let fixture: ComponentFixture<SetPasswordPage>;
  let backend: HttpTestingController;
  let page: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [SetPasswordPage, translocoTesting()],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    fixture = TestBed.createComponent(SetPasswordPage);
    fixture.componentRef.setInput('token', 'link-token');
    backend = TestBed.inject(HttpTestingController);
    page = fixture.nativeElement as HTMLElement;
    await settle(fixture);
  });

  afterEach(() => backend.verify());

  function type(id: string, value: string) {
    const input = page.querySelector<HTMLInputElement>(`#${id}`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  async function submit() {
    page
      .querySelector<HTMLFormElement>('form')!
      .dispatchEvent(new Event('submit'));
    await settle(fixture);
  }

  it('sends the link token and the new password, then offers to sign in', async () => {
    type('set-password-password', 'new-password-2026');
    type('set-password-confirm', 'new-password-2026');
    await submit();
    const request = backend.expectOne('/api/auth/password');
    expect(request.request.body).toEqual({
      token: 'link-token',
      password: 'new-password-2026',
    });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await settle(fixture);
    expect(page.querySelector('[role="status"]')?.textContent).toContain(
      'Your password is set',
    );
    expect(page.querySelector('a[href="/login"]')).not.toBeNull();
  });

  it('sends nothing while the two passwords differ', async () => {
    type('set-password-password', 'new-password-2026');
    type('set-password-confirm', 'new-password-2027');
    await submit();
    backend.expectNone('/api/auth/password');
    expect(
      page.querySelector('#set-password-confirm-error')?.textContent,
    ).toContain('do not match');
  });

  it('says the link no longer works when the server refuses it', async () => {
    type('set-password-password', 'new-password-2026');
    type('set-password-confirm', 'new-password-2026');
    await submit();
    backend
      .expectOne('/api/auth/password')
      .flush(
        { statusCode: 400, message: 'This link is not valid' },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle(fixture);
    expect(page.querySelector('[role="alert"]')?.textContent).toContain('link');
  });
});
