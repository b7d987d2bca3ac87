import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { LanguageStore } from '../core/session/language-store';
import { PhoneReportPage } from './phone-report-page';

describe('PhoneReportPage', () => {
  async function setUp() {
    await TestBed.configureTestingModule({
      imports: [PhoneReportPage, translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    }).compileComponents();
    TestBed.inject(LanguageStore).use('en');
    const fixture = TestBed.createComponent(PhoneReportPage);
    const page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    const backend = TestBed.inject(HttpTestingController);
    const field = <T extends HTMLElement>(selector: string): T => {
      const found = page.querySelector<T>(selector);
      if (!found) throw new Error(`no ${selector}`);
      return found;
    };
    const type = (selector: string, value: string, kind = 'input') => {
      const input = field<HTMLInputElement>(selector);
      input.value = value;
      input.dispatchEvent(new Event(kind));
    };
    const submit = async () => {
      field('form').dispatchEvent(new Event('submit', { cancelable: true }));
      await settle(fixture);
      return backend.expectOne({ method: 'POST', url: '/api/cases/phone-reports' });
    };
    return { fixture, page, backend, field, type, submit };
  }

  it('sends the caller’s report, then shows the receipt once with the advice to read it out, and forgets it for the next call', async () => {
    const { fixture, page, backend, field, type, submit } = await setUp();
    expect(field('label[for="phone-org"]').textContent).toContain('Organisation code');
    type('#phone-org', ' Dinsos-Contoh ');
    type('#phone-category', 'retaliation', 'change');
    type('#phone-description', 'Moved to night shifts after reporting.');
    type('#phone-contact', 'call after 6 pm');
    const referral = field<HTMLInputElement>('#phone-referral');
    referral.checked = true;
    referral.dispatchEvent(new Event('change'));

    const request = await submit();
    expect(request.request.body).toEqual({
      organizationCode: 'dinsos-contoh',
      category: 'retaliation',
      description: 'Moved to night shifts after reporting.',
      contact: 'call after 6 pm',
      allowSatgasReferral: true,
    });
    request.flush({ receipt: '4821093375016642', caseId: 'case-9' }, { status: 201, statusText: 'Created' });
    await settle(fixture);

    expect(field('[data-testid="phone-receipt"]').textContent?.trim()).toBe('4821 0933 7501 6642');
    expect(page.textContent).toContain('Read this receipt to the caller now');
    expect(field('a[href="/cases/case-9"]').textContent).toContain('Open the case');
    expect(document.activeElement?.id).toBe('phone-receipt-heading');

    const again = Array.from(page.querySelectorAll('button')).find((b) => b.textContent?.includes('Record another report'));
    again?.click();
    await settle(fixture);
    expect(page.querySelector('[data-testid="phone-receipt"]')).toBeNull();
    expect(page.textContent).not.toContain('4821');
    expect(field<HTMLTextAreaElement>('#phone-description').value).toBe('');
    backend.verify();
  });

  it('shows the field a 400 names next to it, and a 404 for an organisation not engaged with the partner', async () => {
    const { fixture, page, backend, submit } = await setUp();
    (await submit()).flush(
      { statusCode: 400, message: 'Bad Request', fields: [{ field: 'organizationCode', message: 'organizationCode (or organizationId) is required' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);
    expect(page.querySelector('#phone-org-error')?.textContent).toContain('organizationCode (or organizationId) is required');
    expect(page.querySelector('#phone-org')?.getAttribute('aria-invalid')).toBe('true');

    (await submit()).flush(
      { statusCode: 404, message: 'No organisation with this code is engaged with your partner today' },
      { status: 404, statusText: 'Not Found' },
    );
    await settle(fixture);
    expect(page.querySelector('[role="alert"]')?.textContent).toContain('No organisation with this code is engaged with your partner today');
    expect(page.querySelector('[data-testid="phone-receipt"]')).toBeNull();
    backend.verify();
  });
});
