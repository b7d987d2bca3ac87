import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { nextRequest, settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { userWith } from '../../testing/users';
import { TotpSettings } from './totp-settings';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';

describe('TotpSettings', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [TotpSettings, translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function render(status: object) {
    const fixture = TestBed.createComponent(TotpSettings);
    fixture.detectChanges();
    backend.expectOne('/api/me/totp').flush(status);
    await settle(fixture);
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  it('enrols with the QR code and a confirmation code, then shows the recovery codes once', async () => {
    const { fixture, page } = await render({
      enabled: false,
      allowed: true,
      required: true,
      recoveryCodesLeft: 0,
    });
    expect(
      page.querySelector('[data-testid="totp-required"]')?.textContent,
    ).toContain('Your organisation requires two-step sign-in for HR admins');
    page.querySelector<HTMLButtonElement>('section button')!.click();
    backend.expectOne('/api/me/totp/setup').flush({
      secret: 'JBSWY3DPEHPK3PXP',
      otpauthUri: 'otpauth://totp/Aman:x?secret=JBSWY3DPEHPK3PXP',
      qrDataUrl: PNG,
    });
    await settle(fixture);
    const img = page.querySelector('img');
    expect(img?.getAttribute('src')).toBe(PNG);
    expect(img?.getAttribute('alt')).toBe('QR code for your authenticator app');
    expect(page.querySelector('[data-testid="totp-secret"]')?.textContent).toBe(
      'JBSWY3DPEHPK3PXP',
    );

    const input = page.querySelector<HTMLInputElement>('#totp-code')!;
    expect(page.querySelector('label[for="totp-code"]')).not.toBeNull();
    input.value = '123456';
    input.dispatchEvent(new Event('input'));
    page
      .querySelector<HTMLFormElement>('form')!
      .dispatchEvent(new Event('submit'));
    const enable = backend.expectOne('/api/me/totp/enable');
    expect(enable.request.body).toEqual({ code: '123456' });
    const codes = Array.from({ length: 10 }, (_, i) => `aaaa-bbbb-00${i}0`);
    enable.flush({ recoveryCodes: codes });
    (await nextRequest(backend, '/api/me/totp')).flush({
      enabled: true,
      allowed: true,
      required: true,
      recoveryCodesLeft: 10,
    });
    (await nextRequest(backend, '/api/me')).flush(
      userWith(['employee', 'hr_admin']),
    );
    await settle(fixture);
    expect(
      page.querySelectorAll('[data-testid="recovery-codes"] li'),
    ).toHaveLength(10);
    expect(
      page.querySelector('[role="status"][aria-live="polite"]')?.textContent,
    ).toContain('Two-step sign-in is on.');
    // Required by the organisation: no way to turn it off here.
    expect(page.querySelector('#totp-currentPassword')).toBeNull();
  });

  it('says a wrong confirmation code is wrong', async () => {
    const { fixture, page } = await render({
      enabled: false,
      allowed: true,
      required: false,
      recoveryCodesLeft: 0,
    });
    page.querySelector<HTMLButtonElement>('section button')!.click();
    backend
      .expectOne('/api/me/totp/setup')
      .flush({ secret: 'S', otpauthUri: 'otpauth://x', qrDataUrl: PNG });
    await settle(fixture);
    const input = page.querySelector<HTMLInputElement>('#totp-code')!;
    input.value = '000000';
    input.dispatchEvent(new Event('input'));
    page
      .querySelector<HTMLFormElement>('form')!
      .dispatchEvent(new Event('submit'));
    backend.expectOne('/api/me/totp/enable').flush(
      {
        statusCode: 400,
        message: 'The code is wrong',
        fields: [{ field: 'code', message: 'code is wrong' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);
    expect(page.querySelector('#totp-error')?.textContent).toContain(
      'That code is wrong',
    );
  });

  it('shows nothing to a role without a second factor', async () => {
    const { page } = await render({
      enabled: false,
      allowed: false,
      required: false,
      recoveryCodesLeft: 0,
    });
    expect(page.querySelector('section')).toBeNull();
  });
});
