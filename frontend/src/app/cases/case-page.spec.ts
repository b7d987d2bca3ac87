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

describe('InboxPage', () => {
  it('lists cases with their status in words and marks the unread ones', async () => {
    const { fixture, backend, page } = await setUp(InboxPage);
    fixture.detectChanges();
    backend.expectOne('/api/cases').flush([SUMMARY, { ...SUMMARY, id: 'c2', unread: false, status: 'closed', category: 'retaliation' }]);
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
    await settle(fixture);
    expect(page.textContent).toContain('No case has been sent to you.');
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
