import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { LanguageStore } from '../core/session/language-store';
import { PolicyVersion } from './hr-models';
import { PoliciesPage } from './policies-page';

const VERSION: PolicyVersion = {
  id: 'p2',
  kind: 'policy',
  version: 2,
  title: { id: 'Kebijakan anti-pelecehan', en: 'Anti-harassment policy' },
  body: { id: '# Kebijakan', en: '# Policy' },
  publishedAt: '2026-01-05T02:00:00Z',
  current: true,
  leadersSigned: 3,
  staffSigned: 40,
  leadersTotal: 4,
  staffTotal: 52,
};

const TEMPLATES = [
  {
    kind: 'policy',
    title: { id: 'Kebijakan', en: 'Policy' },
    body: { id: 'UU Nomor 12 Tahun 2022', en: 'Law No. 12 of 2022' },
  },
  {
    kind: 'commitment',
    title: { id: 'Deklarasi', en: 'Declaration' },
    body: { id: 'Saya menyatakan', en: 'I declare' },
  },
];

describe('PoliciesPage', () => {
  let fixture: ComponentFixture<PoliciesPage>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [PoliciesPage, translocoTesting()],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(LanguageStore).use('en');
    fixture = TestBed.createComponent(PoliciesPage);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    backend.expectOne('/api/policies').flush([VERSION]);
    backend.expectOne('/api/policies/templates').flush(TEMPLATES);
    await settle(fixture);
  });

  afterEach(() => backend.verify());

  function type(id: string, value: string): void {
    const input = page.querySelector<HTMLInputElement>(`#${id}`);
    if (!input) throw new Error(`no #${id}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  it('shows leaders and staff signatures side by side', () => {
    const headers = Array.from(page.querySelectorAll('thead th'), (th) =>
      th.textContent?.trim(),
    );
    expect(headers).toContain('Leaders signed');
    expect(headers).toContain('Staff signed');
    const cells = page.querySelectorAll('tbody td');
    expect(cells[0].textContent).toContain('Anti-harassment policy');
    expect(cells[0].textContent).toContain('current');
    expect(cells[2].textContent).toContain('3 of 4');
    expect(cells[3].textContent).toContain('40 of 52');
    expect(cells[4].querySelector('a')?.getAttribute('href')).toBe('/p2');
  });

  it('publishes a new version in both languages', async () => {
    const kind = page.querySelector<HTMLSelectElement>('#policy-kind');
    if (!kind) throw new Error('no kind');
    kind.value = 'commitment';
    kind.dispatchEvent(new Event('change'));
    type('policy-titleId', 'Deklarasi komitmen');
    type('policy-titleEn', 'Commitment declaration');
    type('policy-bodyId', 'Kami berkomitmen…');
    type('policy-bodyEn', 'We commit…');
    page.querySelector('form')?.dispatchEvent(new Event('submit'));

    // First a preview: the text as signers see it and how many will sign (again).
    const review = backend.expectOne('/api/policies/preview');
    expect(review.request.body).toEqual({
      kind: 'commitment',
      title: { id: 'Deklarasi komitmen', en: 'Commitment declaration' },
      body: { id: 'Kami berkomitmen…', en: 'We commit…' },
    });
    backend.expectNone((r) => r.url === '/api/policies' && r.method === 'POST');
    review.flush({
      kind: 'commitment',
      version: 3,
      toSign: 57,
      signedCurrent: 41,
      title: { id: 'Deklarasi komitmen', en: 'Commitment declaration' },
      body: { id: '<p>Kami berkomitmen…</p>', en: '<p>We commit…</p>' },
    });
    await settle(fixture);
    const preview = page.querySelector('#policy-preview');
    expect(preview?.querySelector('h3')?.textContent).toContain(
      'Preview of version 3',
    );
    expect(
      preview
        ?.querySelector('#policy-preview-count')
        ?.textContent?.replace(/\s+/g, ' ')
        .trim(),
    ).toBe(
      '57 people will be asked to sign this version. 41 of them signed the current version and will have to sign again.',
    );
    expect(
      preview?.querySelector('article[lang="en"] .prose p')?.textContent,
    ).toBe('We commit…');
    Array.from(preview?.querySelectorAll('button') ?? [])
      .find((b) => b.textContent?.trim() === 'Publish')
      ?.click();

    const req = backend.expectOne(
      (r) => r.method === 'POST' && r.url === '/api/policies',
    );
    expect(req.request.body).toEqual({
      kind: 'commitment',
      title: { id: 'Deklarasi komitmen', en: 'Commitment declaration' },
      body: { id: 'Kami berkomitmen…', en: 'We commit…' },
    });
    req.flush({ id: 'c1' }, { status: 201, statusText: 'Created' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    fixture.detectChanges();

    expect(page.querySelector('.alert-success')?.textContent).toContain(
      '“Commitment declaration” has been published',
    );
    backend.expectOne('/api/policies').flush([VERSION]);
    expect(page.querySelector('#policy-preview')).toBeNull();
  });

  it('starts a new text from the template of the chosen kind', async () => {
    const kind = page.querySelector<HTMLSelectElement>('#policy-kind');
    if (!kind) throw new Error('no kind');
    kind.value = 'commitment';
    kind.dispatchEvent(new Event('change'));
    page.querySelector<HTMLButtonElement>('#policy-use-template')?.click();
    await settle(fixture);
    expect(page.querySelector<HTMLInputElement>('#policy-titleEn')?.value).toBe(
      'Declaration',
    );
    expect(
      page.querySelector<HTMLTextAreaElement>('#policy-bodyId')?.value,
    ).toBe('Saya menyatakan');
  });

  it('names the fields the server refused', async () => {
    type('policy-titleId', 'x');
    type('policy-titleEn', 'x');
    type('policy-bodyId', 'x');
    type('policy-bodyEn', 'x');
    page.querySelector('form')?.dispatchEvent(new Event('submit'));
    backend
      .expectOne((r) => r.method === 'POST')
      .flush(
        {
          statusCode: 400,
          message: 'title.en must be shorter than or equal to 200 characters',
          fields: [
            {
              field: 'title.en',
              message:
                'title.en must be shorter than or equal to 200 characters',
            },
          ],
        },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle(fixture);

    expect(
      page.querySelector('#policy-titleEn')?.getAttribute('aria-invalid'),
    ).toBe('true');
    expect(page.querySelector('#policy-titleEn-error')?.textContent).toContain(
      'Not accepted: title.en must be shorter',
    );
  });
});
