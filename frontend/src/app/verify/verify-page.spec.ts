import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { LanguageStore } from '../core/session/language-store';
import { Verification } from './verification';
import { VerifyPage } from './verify-page';

const SERIAL = '7K3M-Q9TX-4B2N-8WZR-1HDF';

function verification(overrides: Partial<Verification> = {}): Verification {
  return {
    serial: SERIAL,
    valid: true,
    holder: 'S*** W***',
    module: 'Recognising harassment',
    organization: 'Dinas Sosial Provinsi Contoh',
    issuedAt: '2026-01-10T03:00:00Z',
    expiresAt: '2028-01-10',
    revoked: false,
    expired: false,
    ...overrides,
  };
}

describe('VerifyPage', () => {
  let fixture: ComponentFixture<VerifyPage>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [VerifyPage, translocoTesting()],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(LanguageStore).use('en');
    fixture = TestBed.createComponent(VerifyPage);
    page = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => backend.verify());

  function check(serial = SERIAL): TestRequest {
    fixture.componentRef.setInput('serial', serial);
    fixture.detectChanges();
    const request = backend.expectOne((r) => r.url === `/api/verify/${serial}`);
    expect(request.request.params.get('lang')).toBe('en');
    return request;
  }

  function verdict(): string {
    return page.querySelector('[role="status"]')?.textContent ?? '';
  }

  it('shows a valid certificate with a check mark, words and its facts', async () => {
    check().flush(verification());
    await settle(fixture);

    expect(verdict()).toContain('Valid certificate');
    expect(verdict()).toContain('genuine and valid until 10 Jan 2028');
    expect(
      page.querySelector('.verdict-valid .verdict-icon')?.textContent,
    ).toContain('✓');
    const facts = page.querySelector('.verify-facts')?.textContent ?? '';
    expect(facts).toContain('S*** W***');
    expect(facts).toContain('Recognising harassment');
    expect(facts).toContain('Dinas Sosial Provinsi Contoh');
  });

  it('shows a revoked certificate as not valid, saying why', async () => {
    check().flush(verification({ valid: false, revoked: true }));
    await settle(fixture);

    expect(verdict()).toContain('Not valid');
    expect(verdict()).toContain('has been revoked');
    expect(
      page.querySelector('.verdict-invalid .verdict-icon')?.textContent,
    ).toContain('✗');
    expect(verdict()).not.toContain('Valid certificate');
  });

  it('shows an expired certificate as not valid', async () => {
    check().flush(
      verification({ valid: false, expired: true, expiresAt: '2026-01-10' }),
    );
    await settle(fixture);

    expect(verdict()).toContain('Not valid');
    expect(verdict()).toContain('expired on 10 Jan 2026');
  });

  it('says there is no certificate with an unknown serial (404)', async () => {
    check('NOPE').flush(
      { statusCode: 404, message: 'Certificate not found' },
      { status: 404, statusText: 'Not Found' },
    );
    await settle(fixture);

    expect(verdict()).toContain('No certificate with this serial');
    expect(page.querySelector('.verify-facts')).toBeNull();
    expect(page.querySelector('[role="alert"]')?.textContent?.trim()).toBe('');
  });

  it('asks to wait after too many checks (429)', async () => {
    check().flush(
      { statusCode: 429, message: 'Too Many Requests' },
      { status: 429, statusText: 'Too Many Requests' },
    );
    await settle(fixture);

    expect(verdict()).toContain('Too many checks, try again in a minute');
  });

  it('checks a typed serial by going to its address', async () => {
    const navigate = jest
      .spyOn(TestBed.inject(Router), 'navigate')
      .mockResolvedValue(true);
    fixture.detectChanges();
    backend.expectNone((r) => r.url.startsWith('/api/verify'));

    const input = page.querySelector<HTMLInputElement>('#verify-serial');
    if (!input) throw new Error('no serial field');
    expect(
      page.querySelector('label[for="verify-serial"]')?.textContent,
    ).toContain('Certificate serial');
    input.value = ' 7k3m-q9tx-4b2n-8wzr-1hdf ';
    input.dispatchEvent(new Event('input'));
    page
      .querySelector('form')
      ?.dispatchEvent(new Event('submit', { cancelable: true }));
    await fixture.whenStable();

    expect(navigate).toHaveBeenCalledWith(['/verify', SERIAL]);
  });
});
