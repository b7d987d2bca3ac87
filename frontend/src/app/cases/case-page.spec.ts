import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { Type } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { LanguageStore } from '../core/session/language-store';
import { CaseDetail, CaseSummary } from './case-models';
import { CasePage } from './case-page';
import { ColleaguesPage } from './colleagues-page';
import { SessionStore } from '../core/session/session-store';
import { userWith } from '../../testing/users';
import { InboxPage } from './inbox-page';

const SUMMARY: CaseSummary = {
  id: 'c1',
  organizationName: 'Dinas Sosial Provinsi Contoh',
  category: 'online_gbv',
  status: 'received',
  createdOn: '2026-12-01',
  unread: true,
};

function detail(overrides: Partial<CaseDetail> = {}): CaseDetail {
  return {
    ...SUMMARY,
    description: 'Messages from a colleague at night.',
    contact: null,
    allowSatgasReferral: false,
    outcome: null,
    messages: [{ from: 'reporter', text: 'Messages from a colleague at night.', at: '2026-12-01' }],
    attachments: [],
    ...overrides,
  };
}

/** One turn for the reload a write starts (settle would wait for that reload's answer). */
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

async function setUp<T>(component: Type<T>) {
  await TestBed.configureTestingModule({
    imports: [component, translocoTesting()],
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
  }).compileComponents();
  TestBed.inject(LanguageStore).use('en');
  const fixture = TestBed.createComponent(component);
  return { fixture, backend: TestBed.inject(HttpTestingController), page: fixture.nativeElement as HTMLElement };
}

function find<T extends Element>(root: HTMLElement, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
}

function noRecoveryKey(backend: HttpTestingController): void {
  backend.expectOne('/api/me/recovery-key').flush({ statusCode: 404, message: 'Not Found' }, { status: 404, statusText: 'Not Found' });
}

describe('InboxPage', () => {
  it('shows the recovery key of a key pair just made, once, as an alert', async () => {
    const { fixture, backend, page } = await setUp(InboxPage);
    fixture.detectChanges();
    backend.expectOne('/api/cases').flush([]);
    backend.expectOne('/api/me/recovery-key').flush({ recoveryKey: 'ab12-cd34-ef56-7890' });
    await settle(fixture);
    expect(page.querySelector('[data-testid="recovery-key"]')?.textContent).toContain('ab12-cd34-ef56-7890');
    expect(page.querySelector('[role="alert"]')?.textContent).toContain('Your recovery key');
    backend.verify();
  });

  it('lists cases with their status in words and marks the unread ones', async () => {
    const { fixture, backend, page } = await setUp(InboxPage);
    fixture.detectChanges();
    backend.expectOne('/api/cases').flush([SUMMARY, { ...SUMMARY, id: 'c2', unread: false, status: 'closed', category: 'retaliation' }]);
    noRecoveryKey(backend);
    await settle(fixture);

    const rows = Array.from(page.querySelectorAll('tbody tr')).map((r) => r.textContent ?? '');
    expect(rows[0]).toContain('New');
    expect(rows[0]).toContain('Online gender-based violence');
    expect(rows[0]).toContain('Received');
    expect(rows[1]).not.toContain('New');
    expect(rows[1]).toContain('Closed');
    expect(page.querySelector('a[href="/cases/c1"]')).not.toBeNull();
    expect(page.querySelector('[role="status"]')?.textContent).toContain('2 cases, 1 with something new');
    backend.verify();
  });

  it('says so when nothing was sent to this person (non-recipients get an empty list)', async () => {
    const { fixture, backend, page } = await setUp(InboxPage);
    fixture.detectChanges();
    backend.expectOne('/api/cases').flush([]);
    noRecoveryKey(backend);
    await settle(fixture);
    expect(page.textContent).toContain('No case has been sent to you.');
    expect(page.querySelector('[data-testid="recovery-key"]')).toBeNull();
    backend.verify();
  });
});

describe('CasePage', () => {
  let fixture: ComponentFixture<CasePage>;
  let backend: HttpTestingController;
  let page: HTMLElement;

  beforeEach(async () => {
    ({ fixture, backend, page } = await setUp(CasePage));
    fixture.componentRef.setInput('id', 'c1');
    fixture.detectChanges();
  });

  afterEach(() => backend.verify());

  function el<T extends HTMLElement>(selector: string): T {
    const found = page.querySelector<T>(selector);
    if (!found) throw new Error(`no ${selector}`);
    return found;
  }

  function submit(form: HTMLFormElement): void {
    form.dispatchEvent(new Event('submit', { cancelable: true }));
  }

  function choose(selector: string, value: string): void {
    const select = el<HTMLSelectElement>(selector);
    select.value = value;
    select.dispatchEvent(new Event('change'));
  }

  it('shows the report and replies to the reporter', async () => {
    backend.expectOne('/api/cases/c1').flush(detail());
    await settle(fixture);
    expect(el('[data-testid="case-description"]').textContent).toContain('Messages from a colleague at night.');
    expect(el('.message').textContent).toContain('Reporter');

    const textarea = el<HTMLTextAreaElement>('#case-reply');
    textarea.value = 'Thank you for telling us. Are you safe now?';
    textarea.dispatchEvent(new Event('input'));
    submit(page.querySelectorAll('form')[0]);
    await settle(fixture);
    const post = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/cases/c1/messages');
    expect(post.request.body).toEqual({ text: 'Thank you for telling us. Are you safe now?' });
    post.flush(null, { status: 201, statusText: 'Created' });
    await tick();
    fixture.detectChanges();
    backend.expectOne('/api/cases/c1').flush(detail());
    await settle(fixture);
    expect(page.textContent).toContain('Your reply was sent.');
  });

  it('closes a case only with an outcome', async () => {
    backend.expectOne('/api/cases/c1').flush(detail({ status: 'in_review' }));
    await settle(fixture);
    const statusForm = () => page.querySelectorAll('form')[1];

    choose('#case-status', 'closed');
    await settle(fixture);
    submit(statusForm());
    await settle(fixture);
    backend.expectNone((r) => r.method === 'PATCH');
    expect(el('#case-outcome-error').textContent).toContain('needs an outcome');

    choose('#case-outcome', 'resolved_informally');
    submit(statusForm());
    await settle(fixture);
    const patch = backend.expectOne((r) => r.method === 'PATCH' && r.url === '/api/cases/c1');
    expect(patch.request.body).toEqual({ status: 'closed', outcome: 'resolved_informally' });
    patch.flush(null);
    await tick();
    fixture.detectChanges();
    backend.expectOne('/api/cases/c1').flush(detail({ status: 'closed', outcome: 'resolved_informally' }));
    await settle(fixture);
    expect(el('[data-testid="case-status"]').textContent).toContain('Closed');
    expect(page.textContent).toContain('Resolved informally');
    expect(page.querySelector('#case-reply')).toBeNull();
  });

  it('sends a status change without an outcome when not closing', async () => {
    backend.expectOne('/api/cases/c1').flush(detail());
    await settle(fixture);
    choose('#case-status', 'in_review');
    submit(page.querySelectorAll('form')[1]);
    await settle(fixture);
    backend.expectOne((r) => r.method === 'PATCH').flush(null);
    await tick();
    fixture.detectChanges();
    backend.expectOne('/api/cases/c1').flush(detail({ status: 'in_review' }));
    await settle(fixture);
    expect(page.textContent).toContain('The status was saved.');
  });

  it('answers 404 with words, not a crash', async () => {
    backend.expectOne('/api/cases/c1').flush({ statusCode: 404, message: 'Not Found' }, { status: 404, statusText: 'Not Found' });
    await settle(fixture);
    expect(el('h1').textContent).toContain('was not sent to you');
  });
});

describe('CasePage for a partner handler', () => {
  it('offers only the statuses the case may move to, and shares it with a confirmed colleague who has a key', async () => {
    const { fixture, backend, page } = await setUp(CasePage);
    const session = TestBed.inject(SessionStore);
    const signedIn = session.load();
    backend.expectOne('/api/me').flush(userWith(['case_handler'], { id: 'me', organizationId: null, partnerId: 'partner-1' }));
    await signedIn;
    fixture.componentRef.setInput('id', 'c1');
    fixture.detectChanges();
    backend.expectOne('/api/cases/c1').flush(detail({ status: 'in_review' }));
    backend.expectOne('/api/partners/partner-1/case-handlers').flush([
      { id: 'me', name: 'Me', email: 'me@mitra.test', confirmed: true, hasKey: true },
      { id: 'h2', name: 'Rina Kartika', email: 'rina@mitra.test', confirmed: true, hasKey: true },
      { id: 'h3', name: 'Pending Person', email: 'p@mitra.test', confirmed: false, hasKey: false },
      { id: 'h4', name: 'No Key Yet', email: 'k@mitra.test', confirmed: true, hasKey: false },
    ]);
    await settle(fixture);

    const statuses = Array.from(page.querySelectorAll<HTMLOptionElement>('#case-status option')).map((o) => o.value);
    expect(statuses).toEqual(['in_review', 'referred', 'closed']);
    const colleagues = Array.from(page.querySelectorAll<HTMLOptionElement>('#case-share option')).map((o) => o.textContent?.trim());
    expect(colleagues).toEqual(['Choose a colleague', 'Rina Kartika']);

    const select = find<HTMLSelectElement>(page, '#case-share');
    select.value = 'h2';
    select.dispatchEvent(new Event('change'));
    page.querySelectorAll('form')[2].dispatchEvent(new Event('submit', { cancelable: true }));
    await settle(fixture);
    const share = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/cases/c1/shares');
    expect(share.request.body).toEqual({ userId: 'h2' });
    share.flush(null, { status: 201, statusText: 'Created' });
    await settle(fixture);
    expect(page.textContent).toContain('The case was shared.');
    backend.verify();
  });
});

describe('ColleaguesPage', () => {
  it('confirms a pending colleague and invites a new one, showing field errors from a 400', async () => {
    const { fixture, backend, page } = await setUp(ColleaguesPage);
    const session = TestBed.inject(SessionStore);
    const signedIn = session.load();
    backend.expectOne('/api/me').flush(userWith(['case_handler'], { id: 'me', organizationId: null, partnerId: 'partner-1' }));
    await signedIn;
    fixture.detectChanges();
    backend.expectOne('/api/partners/partner-1/case-handlers').flush([
      { id: 'me', name: 'Me', email: 'me@mitra.test', confirmed: true, hasKey: true },
      { id: 'h3', name: 'Pending Person', email: 'p@mitra.test', confirmed: false, hasKey: false },
    ]);
    // The partner's retention form sits below the colleagues (its own spec covers it).
    await tick();
    fixture.detectChanges();
    backend.expectOne('/api/partners/partner-1/case-settings').flush({ caseRetentionDays: 365 });
    await settle(fixture);
    expect(page.querySelector('[data-handler-id="me"] button')).toBeNull();

    find<HTMLButtonElement>(page, 'button[aria-label="Confirm Pending Person"]').click();
    await settle(fixture);
    backend.expectOne((r) => r.method === 'POST' && r.url === '/api/partners/partner-1/case-handlers/h3/confirm').flush(null, { status: 204, statusText: 'No Content' });
    await tick();
    fixture.detectChanges();
    backend.expectOne('/api/partners/partner-1/case-handlers').flush([]);
    await settle(fixture);
    expect(page.textContent).toContain('Pending Person is confirmed.');

    const type = (id: string, value: string) => {
      const input = find<HTMLInputElement>(page, id);
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    type('#colleague-name', 'Budi');
    type('#colleague-email', 'not-an-email');
    find<HTMLFormElement>(page, 'form').dispatchEvent(new Event('submit', { cancelable: true }));
    await settle(fixture);
    const invite = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/partners/partner-1/case-handlers');
    expect(invite.request.body).toEqual({ name: 'Budi', email: 'not-an-email' });
    invite.flush(
      { statusCode: 400, message: 'email must be an email address', fields: [{ field: 'email', message: 'email must be an email address' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);
    expect(page.querySelector('#colleague-email-error')?.textContent).toContain('email must be an email address');
    expect(page.querySelector('#colleague-email')?.getAttribute('aria-invalid')).toBe('true');
    backend.verify();
  });
});
