import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { LanguageStore } from '../core/session/language-store';
import { RetentionSettings } from './retention-settings';

describe('RetentionSettings', () => {
  it('reads the partner’s setting, saves a new one, and shows a 400 on caseRetentionDays next to the field', async () => {
    await TestBed.configureTestingModule({
      imports: [RetentionSettings, translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    }).compileComponents();
    TestBed.inject(LanguageStore).use('en');
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(RetentionSettings);
    fixture.componentRef.setInput('partnerId', 'partner-1');
    const page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    backend.expectOne({ method: 'GET', url: '/api/partners/partner-1/case-settings' }).flush({ caseRetentionDays: 365 });
    await settle(fixture);
    const input = page.querySelector<HTMLInputElement>('#retention-days');
    if (!input) throw new Error('no #retention-days');
    expect(page.querySelector('label[for="retention-days"]')?.textContent).toContain('Days after closing');
    expect(input.value).toBe('365');

    const submit = async (value: string) => {
      input.value = value;
      input.dispatchEvent(new Event('input'));
      page.querySelector('form')?.dispatchEvent(new Event('submit', { cancelable: true }));
      await settle(fixture);
      return backend.expectOne({ method: 'PUT', url: '/api/partners/partner-1/case-settings' });
    };

    const tooShort = await submit('30');
    expect(tooShort.request.body).toEqual({ caseRetentionDays: 30 });
    tooShort.flush(
      { statusCode: 400, message: 'caseRetentionDays must not be less than 90', fields: [{ field: 'caseRetentionDays', message: 'caseRetentionDays must not be less than 90' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);
    expect(page.querySelector('#retention-days-error')?.textContent).toContain('at least 90');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain('retention-days-error');

    (await submit('730')).flush({ caseRetentionDays: 730 });
    await settle(fixture);
    expect(page.querySelector('#retention-days-error')).toBeNull();
    expect(page.querySelector('[role="status"]')?.textContent).toContain('deleted 730 days after a case closes');
    backend.verify();
  });
});
