import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { HrTotpRule } from './hr-totp-rule';

describe('HrTotpRule', () => {
  it('turns the organisation’s rule on with a labelled checkbox and says so in a live region', async () => {
    TestBed.configureTestingModule({
      imports: [HrTotpRule, translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(HrTotpRule);
    fixture.componentRef.setInput('organizationId', 'org-1');
    fixture.detectChanges();
    backend
      .expectOne('/api/organizations/org-1/security')
      .flush({ requireHrTotp: false });
    await settle(fixture);
    const page = fixture.nativeElement as HTMLElement;
    const box = page.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    expect(box.closest('label')?.textContent).toContain(
      'Require two-step sign-in for every HR admin',
    );
    expect(box.checked).toBe(false);
    box.checked = true;
    box.dispatchEvent(new Event('change'));
    const put = backend.expectOne('/api/organizations/org-1/security');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({ requireHrTotp: true });
    put.flush({ requireHrTotp: true });
    await settle(fixture);
    expect(
      page.querySelector('[role="status"][aria-live="polite"]')?.textContent,
    ).toContain('HR admins must now use two-step sign-in.');
    backend.verify();
  });
});
