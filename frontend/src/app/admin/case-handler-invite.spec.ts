import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { LanguageStore } from '../core/session/language-store';
import { CaseHandlerInvite } from './case-handler-invite';

describe('CaseHandlerInvite', () => {
  let fixture: ComponentFixture<CaseHandlerInvite>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [CaseHandlerInvite, translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(LanguageStore).use('en');
    fixture = TestBed.createComponent(CaseHandlerInvite);
    fixture.componentRef.setInput('partners', [{ id: 'p1', name: 'Yayasan Mitra Setara', auditors: 1 }]);
    page = fixture.nativeElement as HTMLElement;
    await settle(fixture);
  });

  afterEach(() => backend.verify());

  function field(selector: string, value: string, event = 'input'): void {
    const el = page.querySelector<HTMLInputElement | HTMLSelectElement>(selector);
    if (!el) throw new Error(`no ${selector}`);
    el.value = value;
    el.dispatchEvent(new Event(event));
  }

  function submit(): void {
    page.querySelector('form')?.dispatchEvent(new Event('submit', { cancelable: true }));
  }

  it('asks for every field before sending', async () => {
    submit();
    await settle(fixture);
    backend.expectNone((r) => r.url.includes('/case-handlers'));
    expect(page.querySelector('#handler-partnerId-error')?.textContent).toContain('required');
    expect(page.querySelector('#handler-email')?.getAttribute('aria-invalid')).toBe('true');
  });

  it("invites a partner's handler and says whether they still need confirming", async () => {
    field('#handler-partnerId', 'p1', 'change');
    field('#handler-email', ' rina@mitra.test ');
    field('#handler-name', 'Rina Kartika');
    submit();
    await settle(fixture);
    const post = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/partners/p1/case-handlers');
    expect(post.request.body).toEqual({ email: 'rina@mitra.test', name: 'Rina Kartika' });
    post.flush({ id: 'u9', email: 'rina@mitra.test', name: 'Rina Kartika', confirmed: false }, { status: 201, statusText: 'Created' });
    await settle(fixture);
    expect(page.querySelector('[role="status"]')?.textContent).toContain('an existing handler of the partner must confirm them');
  });

  it('puts a 400 under the field it names', async () => {
    field('#handler-partnerId', 'p1', 'change');
    field('#handler-email', 'rina@mitra.test');
    field('#handler-name', 'Rina');
    submit();
    await settle(fixture);
    backend
      .expectOne('/api/partners/p1/case-handlers')
      .flush({ statusCode: 400, message: 'email: already in use', fields: [{ field: 'email', message: 'already in use' }] }, { status: 400, statusText: 'Bad Request' });
    await settle(fixture);
    expect(page.querySelector('#handler-email-error')?.textContent).toContain('already in use');
  });
});
