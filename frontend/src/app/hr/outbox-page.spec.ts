import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { OutboxPage } from './outbox-page';

const MESSAGE = {
  id: 'm1',
  to: 'siti@contoh.go.id',
  subject: 'Aman: set your password',
  text: 'Hello Siti, [one-time link: only in the recipient’s mail]',
  kind: 'password_set',
  createdAt: '2026-12-05T01:00:00Z',
  sentAt: '2026-12-05T01:00:01Z',
  status: 'stored',
};

describe('OutboxPage', () => {
  async function render(mailConfigured: boolean) {
    TestBed.configureTestingModule({
      imports: [OutboxPage, translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    const fixture = TestBed.createComponent(OutboxPage);
    fixture.detectChanges();
    const backend = TestBed.inject(HttpTestingController);
    backend
      .expectOne((r) => r.url === '/api/outbox')
      .flush({
        items: [MESSAGE],
        total: 1,
        page: 1,
        pageSize: 25,
        mailConfigured,
      });
    await settle(fixture);
    return fixture.nativeElement as HTMLElement;
  }

  it('says mail is not configured and that messages go to the server’s mail folder', async () => {
    const page = await render(false);
    const notice = page.querySelector('[data-testid="mail-not-configured"]');
    expect(notice?.textContent).toContain(
      "Mail is not configured: messages are written to the server's mail folder for the operator",
    );
    expect(notice?.closest('[aria-live="polite"]')).not.toBeNull();
    expect(page.textContent).toContain('In the mail folder');
    expect(page.textContent).not.toContain('token=');
  });

  it('says nothing of the kind when SMTP is configured', async () => {
    const page = await render(true);
    expect(
      page.querySelector('[data-testid="mail-not-configured"]'),
    ).toBeNull();
  });
});
