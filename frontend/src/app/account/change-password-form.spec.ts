import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { ChangePasswordForm } from './change-password-form';

describe('ChangePasswordForm', () => {
  let fixture: ComponentFixture<ChangePasswordForm>;
  let backend: HttpTestingController;
  let page: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [ChangePasswordForm, translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    fixture = TestBed.createComponent(ChangePasswordForm);
    backend = TestBed.inject(HttpTestingController);
    page = fixture.nativeElement as HTMLElement;
    await settle(fixture);
  });

  afterEach(() => backend.verify());

  function type(label: string, value: string) {
    const labelEl = Array.from(page.querySelectorAll('label')).find(
      (l) => l.textContent?.trim() === label,
    );
    if (!labelEl) throw new Error(`no field labelled ${label}`);
    const input = page.querySelector<HTMLInputElement>(`#${labelEl.htmlFor}`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  async function submit() {
    page
      .querySelector<HTMLFormElement>('form')!
      .dispatchEvent(new Event('submit'));
    await settle(fixture);
  }

  it('sends the current and the new password, then says it worked in a live region', async () => {
    type('Current password', 'old-password-1');
    type('New password', 'new-password-2026');
    type('Repeat the new password', 'new-password-2026');
    await submit();
    const request = backend.expectOne('/api/me/password');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({
      currentPassword: 'old-password-1',
      password: 'new-password-2026',
    });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await settle(fixture);
    const status = page.querySelector('[role="status"]');
    expect(status?.getAttribute('aria-live')).toBe('polite');
    expect(status?.textContent).toContain('Your password is changed');
  });

  it('marks the current password field when the server says it is wrong', async () => {
    type('Current password', 'not-it-at-all');
    type('New password', 'new-password-2026');
    type('Repeat the new password', 'new-password-2026');
    await submit();
    backend.expectOne('/api/me/password').flush(
      {
        statusCode: 400,
        message: 'The current password is wrong',
        fields: [
          { field: 'currentPassword', message: 'currentPassword is wrong' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);
    const current = page.querySelector('#account-currentPassword')!;
    expect(current.getAttribute('aria-invalid')).toBe('true');
    expect(current.getAttribute('aria-describedby')).toBe(
      'account-currentPassword-error',
    );
    expect(
      page.querySelector('#account-currentPassword-error')?.textContent,
    ).toContain('The current password is wrong.');
  });

  it('checks length and repetition before sending anything', async () => {
    type('Current password', 'old-password-1');
    type('New password', 'short');
    type('Repeat the new password', 'other');
    await submit();
    backend.expectNone('/api/me/password');
    expect(
      page.querySelector('#account-password-error')?.textContent,
    ).toContain('at least 10');
    expect(page.querySelector('#account-confirm-error')?.textContent).toContain(
      'do not match',
    );
  });
});
