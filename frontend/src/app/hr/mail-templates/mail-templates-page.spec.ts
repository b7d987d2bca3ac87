import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { settle } from '../../../testing/async';
import { translocoTesting } from '../../../testing/transloco-testing';
import { userWith } from '../../../testing/users';
import { SessionStore } from '../../core/session/session-store';
import { MailTemplate } from './mail-template-models';
import { MailTemplatesPage, PREVIEW_DEBOUNCE_MS } from './mail-templates-page';

const LIST_URL = '/api/organizations/org-1/mail-templates';
const PLACEHOLDERS: Record<string, string[]> = {
  reminder: ['name', 'organization', 'module', 'dueDate', 'days', 'timeLeft'],
  overdue: ['name', 'organization', 'module', 'dueDate', 'days'],
  escalation: ['name', 'organization', 'count', 'people'],
  invitation: ['name', 'organization', 'validity'],
};
const TEMPLATES: MailTemplate[] = (
  ['reminder', 'overdue', 'escalation', 'invitation'] as const
).flatMap((kind) =>
  (['id', 'en'] as const).map((lang) => ({
    kind,
    lang,
    subject: `Aman: ${kind} ${lang}`,
    body: `Halo {{name}} (${kind} ${lang}),\n{{link}}\n`,
    isDefault: true,
    placeholders: PLACEHOLDERS[kind],
    updatedAt: null,
    updatedByName: null,
  })),
);

const pause = () =>
  new Promise((resolve) => setTimeout(resolve, PREVIEW_DEBOUNCE_MS + 50));

describe('MailTemplatesPage', () => {
  let fixture: ComponentFixture<MailTemplatesPage>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [MailTemplatesPage, translocoTesting()],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    const signedIn = TestBed.inject(SessionStore).load();
    backend.expectOne('/api/me').flush(userWith(['employee', 'hr_admin']));
    await signedIn;
    fixture = TestBed.createComponent(MailTemplatesPage);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });

  afterEach(() => backend.verify());

  async function loaded(): Promise<void> {
    expect(page.querySelector('[role="status"]')?.textContent).toContain(
      'Loading',
    );
    backend.expectOne(LIST_URL).flush(TEMPLATES);
    await settle(fixture);
  }

  const input = <T extends HTMLElement>(id: string): T => {
    const found = page.querySelector<T>(`#${id}`);
    if (!found) throw new Error(`no #${id}`);
    return found;
  };

  function type(id: string, value: string): void {
    const control = input<HTMLInputElement | HTMLTextAreaElement>(id);
    control.value = value;
    control.dispatchEvent(new Event('input'));
  }

  function choose(id: string, value: string): void {
    const select = input<HTMLSelectElement>(id);
    select.value = value;
    select.dispatchEvent(new Event('change'));
  }

  function button(text: string): HTMLButtonElement {
    const found = Array.from(
      page.querySelectorAll<HTMLButtonElement>('button'),
    ).find((b) => b.textContent?.trim() === text);
    if (!found) throw new Error(`no button "${text}"`);
    return found;
  }

  /** Waits for the debounced preview and answers it. */
  async function answerPreview(
    url: string,
    answer: object,
    status = 200,
  ): Promise<Record<string, string>> {
    await pause();
    fixture.detectChanges();
    const request = backend.expectOne(`${LIST_URL}/${url}/preview`);
    expect(request.request.method).toBe('POST');
    if (status === 200) request.flush(answer);
    else request.flush(answer, { status, statusText: 'Bad Request' });
    await settle(fixture);
    return request.request.body as Record<string, string>;
  }

  it('shows the chosen kind and language with its placeholders and the link line, and previews it as the server renders it', async () => {
    await loaded();
    expect(input<HTMLInputElement>('mail-template-subject').value).toBe(
      'Aman: reminder id',
    );
    expect(page.textContent).toContain("This is Aman's default wording.");
    expect(page.querySelector('.placeholders')?.textContent).toContain(
      '{{timeLeft}}',
    );
    expect(page.querySelector('.placeholders')?.textContent).toContain(
      '{{link}}',
    );
    expect(input('mail-template-body').getAttribute('aria-describedby')).toBe(
      'mail-template-body-hint',
    );
    await answerPreview('reminder/id', { subject: 'x', text: 'y', html: '' });

    choose('mail-template-kind', 'invitation');
    choose('mail-template-lang', 'en');
    await settle(fixture);
    expect(input<HTMLTextAreaElement>('mail-template-body').value).toBe(
      'Halo {{name}} (invitation en),\n{{link}}\n',
    );
    expect(page.querySelector('.placeholders')?.textContent).not.toContain(
      '{{timeLeft}}',
    );
    const sent = await answerPreview('invitation/en', {
      subject: 'Aman: set your password',
      text: 'Hello Ayu Lestari,\nhttp://aman.test/set-password?token=example\n',
      html: '<p>Hello</p>',
    });
    expect(sent).toEqual({
      subject: 'Aman: invitation en',
      body: 'Halo {{name}} (invitation en),\n{{link}}\n',
    });
    expect(
      page.querySelector('[data-testid="mail-preview-subject"]')?.textContent,
    ).toContain('Aman: set your password');
    expect(
      page.querySelector('[data-testid="mail-preview-text"]')?.textContent,
    ).toContain('http://aman.test/set-password?token=example');
  });

  it('shows the field the server refuses in a draft at once, before saving', async () => {
    await loaded();
    await answerPreview('reminder/id', { subject: 'x', text: 'y', html: '' });
    type('mail-template-body', 'Halo {{nama}}\n{{link}}');
    await answerPreview(
      'reminder/id',
      {
        statusCode: 400,
        message: 'body: unknown placeholder {{nama}}',
        fields: [{ field: 'body', message: 'unknown placeholder {{nama}}' }],
      },
      400,
    );
    const body = input('mail-template-body');
    expect(body.getAttribute('aria-invalid')).toBe('true');
    expect(body.getAttribute('aria-describedby')).toBe(
      'mail-template-body-hint mail-template-body-error',
    );
    expect(input('mail-template-body-error').textContent).toContain(
      'unknown placeholder {{nama}}',
    );
    expect(page.textContent).toContain(
      'No preview until the text is accepted.',
    );
  });

  it('saves the wording, says whose it is, and goes back to the default after a confirmation', async () => {
    await loaded();
    await answerPreview('reminder/id', { subject: 'x', text: 'y', html: '' });
    type('mail-template-subject', 'Ingat {{module}}');
    page.querySelector('form')?.dispatchEvent(new Event('submit'));
    const put = backend.expectOne(`${LIST_URL}/reminder/id`);
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({
      subject: 'Ingat {{module}}',
      body: 'Halo {{name}} (reminder id),\n{{link}}\n',
    });
    put.flush({
      ...TEMPLATES[0],
      subject: 'Ingat {{module}}',
      isDefault: false,
      updatedAt: '2026-12-05T03:00:00Z',
      updatedByName: 'Rina',
    });
    await settle(fixture);
    expect(page.textContent).toContain(
      'Saved. Mails from now on use this wording.',
    );
    expect(
      page.querySelector('[data-testid="mail-template-origin"]')?.textContent,
    ).toMatch(/Your organisation's wording, saved 5 Dec 2026.* by Rina\./);
    await answerPreview('reminder/id', { subject: 'x', text: 'y', html: '' });

    button('Back to the default wording').click();
    fixture.detectChanges();
    expect(page.textContent).toContain(
      "Replace your wording with Aman's default?",
    );
    backend.expectNone(`${LIST_URL}/reminder/id`);
    button('Yes, use the default').click();
    const reset = backend.expectOne(`${LIST_URL}/reminder/id`);
    expect(reset.request.method).toBe('DELETE');
    reset.flush(TEMPLATES[0]);
    await settle(fixture);
    expect(input<HTMLInputElement>('mail-template-subject').value).toBe(
      'Aman: reminder id',
    );
    expect(page.textContent).toContain("Aman's default wording is used again.");
    expect(() => button('Back to the default wording')).toThrow();
    await answerPreview('reminder/id', { subject: 'x', text: 'y', html: '' });
  });

  it('names the refused field when saving fails, and focuses it', async () => {
    await loaded();
    await answerPreview('reminder/id', { subject: 'x', text: 'y', html: '' });
    type('mail-template-subject', '');
    page.querySelector('form')?.dispatchEvent(new Event('submit'));
    await settle(fixture);
    backend.expectNone(`${LIST_URL}/reminder/id`);
    expect(input('mail-template-subject').getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(document.activeElement?.id).toBe('mail-template-subject');

    type('mail-template-subject', 'Hi');
    page.querySelector('form')?.dispatchEvent(new Event('submit'));
    backend.expectOne(`${LIST_URL}/reminder/id`).flush(
      {
        statusCode: 400,
        message: 'body: must hold {{link}} once, on a line of its own',
        fields: [
          {
            field: 'body',
            message: 'must hold {{link}} once, on a line of its own',
          },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);
    expect(input('mail-template-body-error').textContent).toContain(
      'must hold {{link}} once',
    );
    // The typed subject's preview, answered so nothing is left open.
    await answerPreview('reminder/id', { subject: 'x', text: 'y', html: '' });
  });

  it('offers a retry when the list cannot be loaded', async () => {
    backend
      .expectOne(LIST_URL)
      .flush({}, { status: 500, statusText: 'Server Error' });
    await settle(fixture);
    button('Try again').click();
    // Not settle(): whenStable() would wait for the very request answered here.
    await new Promise((resolve) => setTimeout(resolve, 0));
    backend.expectOne(LIST_URL).flush(TEMPLATES);
    await settle(fixture);
    expect(input<HTMLInputElement>('mail-template-subject').value).toBe(
      'Aman: reminder id',
    );
    await answerPreview('reminder/id', { subject: 'x', text: 'y', html: '' });
  });
});
