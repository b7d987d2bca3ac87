import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { FollowUpPage } from './follow-up-page';
import { PageExit } from './leave-quickly';
import { ReportLanguage } from './report-language';
import { ReporterReport } from './report-models';

const RECEIPT = '1234567890123456';

function report(overrides: Partial<ReporterReport> = {}): ReporterReport {
  return {
    category: 'sexual_harassment',
    description: 'It happened in the warehouse.',
    status: 'in_review',
    createdOn: '2026-12-01',
    messages: [
      { from: 'reporter', text: 'It happened in the warehouse.', at: '2026-12-01' },
      { from: 'handler', text: 'Thank you. Were there witnesses?', at: '2026-12-02' },
    ],
    attachments: [],
    ...overrides,
  };
}

describe('FollowUpPage', () => {
  let fixture: ComponentFixture<FollowUpPage>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [FollowUpPage, translocoTesting()],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: PageExit, useValue: { leave: jest.fn() } },
      ],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(ReportLanguage).use('en');
    fixture = TestBed.createComponent(FollowUpPage);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    localStorage.clear();
    sessionStorage.clear();
  });

  afterEach(() => backend.verify());

  function el<T extends HTMLElement>(selector: string): T {
    const found = page.querySelector<T>(selector);
    if (!found) throw new Error(`no ${selector}`);
    return found;
  }

  function type(selector: string, value: string): void {
    const field = el<HTMLInputElement | HTMLTextAreaElement>(selector);
    field.value = value;
    field.dispatchEvent(new Event('input'));
  }

  function submit(): void {
    el('form').dispatchEvent(new Event('submit', { cancelable: true }));
  }

  async function enter(receipt: string): Promise<TestRequest> {
    type('#follow-up-receipt', receipt);
    submit();
    await settle(fixture);
    return backend.expectOne('/api/reporter/session');
  }

  function readReport(): TestRequest {
    const request = backend.expectOne((r) => r.method === 'GET' && r.url === '/api/reporter/report');
    expect(request.request.headers.get('Authorization')).toBe('Bearer tok-1');
    return request;
  }

  async function signIn(answer = report()): Promise<void> {
    const session = await enter('1234 5678 9012 3456');
    expect(session.request.body).toEqual({ receipt: RECEIPT });
    session.flush({ token: 'tok-1' });
    await settle(fixture);
    readReport().flush(answer);
    await settle(fixture);
  }

  it('asks for 16 digits before asking the server', async () => {
    type('#follow-up-receipt', '1234 5678');
    submit();
    await settle(fixture);
    backend.expectNone('/api/reporter/session');
    expect(el('#follow-up-notice').textContent).toContain('A receipt has 16 digits.');
  });

  it('says a wrong receipt is not recognised (404)', async () => {
    (await enter(RECEIPT)).flush({ statusCode: 404, message: 'Not Found' }, { status: 404, statusText: 'Not Found' });
    await settle(fixture);
    expect(el('[role="alert"]').textContent).toContain('This receipt was not recognised');
    expect(el('#follow-up-receipt').getAttribute('aria-invalid')).toBe('true');
  });

  it('asks to wait after too many tries (429)', async () => {
    (await enter(RECEIPT)).flush({ statusCode: 429, message: 'Too Many Requests' }, { status: 429, statusText: 'Too Many Requests' });
    await settle(fixture);
    expect(el('[role="alert"]').textContent).toContain('Too many tries. Wait a while');
  });

  it('shows the status, the thread and adds a message with the token kept in memory only', async () => {
    await signIn();

    expect(el('[data-testid="report-status"]').textContent).toContain('In review');
    const messages = Array.from(page.querySelectorAll('.message')).map((m) => m.textContent ?? '');
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain('You');
    expect(messages[1]).toContain('Recipient');
    expect(messages[1]).toContain('Were there witnesses?');
    expect(localStorage.length + sessionStorage.length).toBe(0);
    expect(document.cookie).not.toContain('tok-1');

    type('#follow-up-reply', 'Yes, two colleagues.');
    submit();
    await settle(fixture);
    const post = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/reporter/report/messages');
    expect(post.request.body).toEqual({ text: 'Yes, two colleagues.' });
    expect(post.request.headers.get('Authorization')).toBe('Bearer tok-1');
    post.flush(null, { status: 201, statusText: 'Created' });
    await settle(fixture);
    readReport().flush(report({ messages: [...report().messages, { from: 'reporter', text: 'Yes, two colleagues.', at: '2026-12-03' }] }));
    await settle(fixture);

    expect(page.querySelectorAll('.message')).toHaveLength(3);
    expect(el('[role="status"]').textContent).toContain('Your message was sent.');
    expect(el<HTMLTextAreaElement>('#follow-up-reply').value).toBe('');
  });

  it('shows a closed report without a reply form', async () => {
    await signIn(report({ status: 'closed' }));
    expect(el('[data-testid="report-status"]').textContent).toContain('Closed');
    expect(page.querySelector('#follow-up-reply')).toBeNull();
    expect(page.textContent).toContain('no more messages can be added');
  });

  it('goes back to the receipt form, saying why, when the token has ended (401)', async () => {
    await signIn();
    type('#follow-up-reply', 'More');
    submit();
    await settle(fixture);
    backend
      .expectOne('/api/reporter/report/messages')
      .flush({ statusCode: 401, message: 'Unauthorized' }, { status: 401, statusText: 'Unauthorized' });
    await settle(fixture);

    expect(page.querySelector('#follow-up-receipt')).not.toBeNull();
    expect(el('#follow-up-notice').textContent).toContain('Enter your receipt again');
  });

  it('reads the report again on request, showing a new reply and status', async () => {
    await signIn();
    el<HTMLButtonElement>('[data-testid="refresh"]').click();
    await settle(fixture);
    readReport().flush(report({ status: 'referred', messages: [...report().messages, { from: 'handler', text: 'We referred it, as you allowed.', at: '2026-12-04' }] }));
    await settle(fixture);
    expect(el('[data-testid="report-status"]').textContent).toContain('Referred');
    expect(page.textContent).toContain('We referred it, as you allowed.');
  });

  it('forgets the report on request', async () => {
    await signIn();
    el<HTMLButtonElement>('[data-testid="finish"]').click();
    await settle(fixture);
    expect(page.textContent).not.toContain('Were there witnesses?');
    expect(page.querySelector('#follow-up-receipt')).not.toBeNull();
  });

  it('downloads an attachment with the Bearer token as a Blob through an object URL, revoked after use', async () => {
    const created: Blob[] = [];
    const revoked: string[] = [];
    // jsdom has no object URLs: record what the page asks of them.
    const original = { createObjectURL: URL.createObjectURL, revokeObjectURL: URL.revokeObjectURL };
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        created.push(blob);
        return 'blob:test/1';
      },
      revokeObjectURL: (url: string) => revoked.push(url),
    });
    const clicked: { href: string; download: string }[] = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.getAttribute('href') ?? '', download: this.download });
    });
    await signIn(report({ attachments: [{ id: 'a1', name: 'chat.png', size: 1200 }] }));

    const button = el<HTMLButtonElement>('[data-testid="attachment-download"]');
    expect(button.getAttribute('aria-label')).toBe('Download chat.png');
    button.click();
    await settle(fixture);
    const request = backend.expectOne((r) => r.method === 'GET' && r.url === '/api/reporter/report/attachments/a1');
    expect(request.request.headers.get('Authorization')).toBe('Bearer tok-1');
    expect(request.request.responseType).toBe('blob');
    const file = new Blob(['png bytes'], { type: 'image/png' });
    request.flush(file);
    await settle(fixture);
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(created).toEqual([file]);
    expect(clicked).toEqual([{ href: 'blob:test/1', download: 'chat.png' }]);
    expect(revoked).toEqual(['blob:test/1']);
    expect(page.querySelector('a[href^="blob:"]')).toBeNull();
    click.mockRestore();
    Object.assign(URL, original);
  });
});
