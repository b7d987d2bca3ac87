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
import { PageExit } from './leave-quickly';
import { ReportLanguage, browserLanguage } from './report-language';
import { ReportChannel } from './report-models';
import { ReportPage } from './report-page';

const CHANNEL: ReportChannel = {
  organization: { name: 'Dinas Sosial Provinsi Contoh' },
  recipients: [
    { id: 'p1', kind: 'partner', name: 'Mitra Peduli' },
    { id: 'p2', kind: 'partner', name: 'Lembaga Bantuan' },
    { id: 's1', kind: 'satgas', name: 'Satgas PPKS' },
  ],
  categories: [
    { id: 'sexual_harassment', label: 'Pelecehan seksual' },
    { id: 'retaliation', label: 'Pembalasan' },
    { id: 'future_kind', label: 'A kind this build does not know' },
  ],
};

describe('ReportPage', () => {
  let fixture: ComponentFixture<ReportPage>;
  let page: HTMLElement;
  let backend: HttpTestingController;
  const leave = jest.fn();

  beforeEach(async () => {
    leave.mockReset();
    await TestBed.configureTestingModule({
      imports: [ReportPage, translocoTesting()],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: PageExit, useValue: { leave } },
      ],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(ReportLanguage).use('en');
    fixture = TestBed.createComponent(ReportPage);
    fixture.componentRef.setInput('orgCode', 'demo');
    page = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => backend.verify());

  async function open(): Promise<void> {
    fixture.detectChanges();
    backend.expectOne('/api/report-channel/demo').flush(CHANNEL);
    await settle(fixture);
  }

  function el<T extends HTMLElement>(selector: string): T {
    const found = page.querySelector<T>(selector);
    if (!found) throw new Error(`no ${selector}`);
    return found;
  }

  function click(selector: string): void {
    el(selector).click();
  }

  function type(selector: string, value: string): void {
    const field = el<HTMLInputElement | HTMLTextAreaElement>(selector);
    field.value = value;
    field.dispatchEvent(new Event('input'));
  }

  function chooseFiles(files: File[]): void {
    const input = el<HTMLInputElement>('#report-attachments');
    Object.defineProperty(input, 'files', { value: files, configurable: true });
    input.dispatchEvent(new Event('change'));
  }

  function submit(): void {
    el('form').dispatchEvent(new Event('submit', { cancelable: true }));
  }

  function post(): TestRequest {
    return backend.expectOne(
      (r) => r.method === 'POST' && r.url === '/api/report-channel/demo/reports',
    );
  }

  async function fill(): Promise<void> {
    click('#report-category-sexual_harassment');
    type('#report-description', 'My supervisor keeps touching me at the warehouse.');
    await settle(fixture);
  }

  it('starts with Leave quickly, offers the categories in words and ticks every partner but not the Satgas', async () => {
    await open();

    const first = page.querySelector('button, a, input');
    expect(first?.textContent?.trim()).toBe('Leave quickly');
    (first as HTMLButtonElement).click();
    expect(leave).toHaveBeenCalledTimes(1);

    expect(page.textContent).toContain('independent partner of Dinas Sosial Provinsi Contoh');
    expect(el('label[for="report-category-sexual_harassment"]').textContent).toContain('Sexual harassment');
    expect(el('label[for="report-category-future_kind"]').textContent).toContain('A kind this build does not know');
    expect(el<HTMLInputElement>('#report-recipient-p1').checked).toBe(true);
    expect(el<HTMLInputElement>('#report-recipient-p2').checked).toBe(true);
    expect(el<HTMLInputElement>('#report-recipient-s1').checked).toBe(false);
    expect(el<HTMLInputElement>('#report-referral').checked).toBe(false);
    expect(page.querySelectorAll('fieldset legend')).toHaveLength(2);
  });

  it('says what is missing without sending, and needs at least one partner', async () => {
    await open();
    click('#report-recipient-p1');
    click('#report-recipient-p2');
    click('#report-recipient-s1');
    submit();
    await settle(fixture);

    backend.expectNone('/api/report-channel/demo/reports');
    expect(el('#report-category-error').textContent).toContain('Choose what happened.');
    expect(el('#report-recipientIds-error').textContent).toContain('Choose at least one independent partner.');
    expect(el('#report-description-error').textContent).toContain('Describe what happened.');
    expect(el('#report-description').getAttribute('aria-describedby')).toContain('report-description-error');
  });

  it('sends the report as JSON and shows the receipt once, in groups of four, with advice and a way to follow up', async () => {
    await open();
    await fill();
    click('#report-recipient-p2');
    click('#report-recipient-s1');
    click('#report-referral');
    type('#report-contact', '  0812 0000 0000 ');
    submit();
    await settle(fixture);

    expect(el<HTMLButtonElement>('button[type="submit"]').disabled).toBe(true);
    const request = post();
    expect(request.request.body).toEqual({
      category: 'sexual_harassment',
      description: 'My supervisor keeps touching me at the warehouse.',
      recipientIds: ['p1', 's1'],
      allowSatgasReferral: true,
      contact: '0812 0000 0000',
    });
    request.flush({ receipt: '1234567890123456' }, { status: 201, statusText: 'Created' });
    await settle(fixture);

    expect(el('[data-testid="receipt"]').textContent?.trim()).toBe('1234 5678 9012 3456');
    expect(el('[role="status"]').textContent).toContain('1234 5678 9012 3456');
    expect(page.textContent).toContain('shown only once');
    expect(page.textContent).toContain('phone or computer that others use');
    expect(el('a[href="/report/follow-up"]').textContent).toContain('Follow up on my report');
    expect(page.querySelector('form')).toBeNull();
    expect(page.ownerDocument.activeElement?.id).toBe('receipt-heading');
  });

  it('leaves the contact out when none is given', async () => {
    await open();
    await fill();
    submit();
    await settle(fixture);
    const request = post();
    expect(request.request.body).not.toHaveProperty('contact');
    expect(request.request.body).toMatchObject({ recipientIds: ['p1', 'p2'], allowSatgasReferral: false });
    request.flush({ receipt: '0000111122223333' });
  });

  it('puts a 400 under the field it names and in the alert', async () => {
    await open();
    await fill();
    submit();
    await settle(fixture);
    post().flush(
      {
        statusCode: 400,
        message: 'description must be shorter than or equal to 20000 characters',
        fields: [{ field: 'description', message: 'description must be shorter than or equal to 20000 characters' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);

    expect(el('#report-description-error').textContent).toContain('20000 characters');
    expect(el('#report-description').getAttribute('aria-invalid')).toBe('true');
    expect(el('[role="alert"]').textContent).toContain('Some information was not accepted');
    expect(page.querySelector('[data-testid="receipt"]')).toBeNull();
    expect(el<HTMLButtonElement>('button[type="submit"]').disabled).toBe(false);
  });

  it('refuses a sixth file, more than 10 MB in all, or another type before sending', async () => {
    await open();
    await fill();
    const photo = (name: string, size = 1000) => new File([new Uint8Array(size)], name, { type: 'image/jpeg' });

    chooseFiles([1, 2, 3, 4, 5, 6].map((n) => photo(`p${n}.jpg`)));
    await settle(fixture);
    expect(el('#report-attachments-error').textContent).toContain('Attach at most 5 files.');
    submit();
    await settle(fixture);
    backend.expectNone('/api/report-channel/demo/reports');

    click('button[aria-label="Remove p6.jpg"]');
    await settle(fixture);
    expect(page.querySelector('#report-attachments-error')).toBeNull();

    click('button[aria-label="Remove p5.jpg"]');
    chooseFiles([photo('big.jpg', 10 * 1024 * 1024)]);
    await settle(fixture);
    expect(el('#report-attachments-error').textContent).toContain('larger than 10 MB');

    click('button[aria-label="Remove big.jpg"]');
    chooseFiles([new File(['x'], 'notes.docx', { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' })]);
    await settle(fixture);
    expect(el('#report-attachments-error').textContent).toContain('Only photos');
  });

  it('sends files as multipart under attachments, with the same field names', async () => {
    await open();
    await fill();
    chooseFiles([new File(['%PDF-1.7'], 'kronologi.pdf', { type: 'application/pdf' })]);
    await settle(fixture);
    submit();
    await settle(fixture);

    const request = post();
    const body = request.request.body as FormData;
    expect(body).toBeInstanceOf(FormData);
    expect(body.get('category')).toBe('sexual_harassment');
    expect(body.getAll('recipientIds')).toEqual(['p1', 'p2']);
    expect(body.get('allowSatgasReferral')).toBe('false');
    expect((body.get('attachments') as File).name).toBe('kronologi.pdf');
    request.flush({ receipt: '1234567890123456' });
  });

  it('says an unknown address is not known', async () => {
    fixture.detectChanges();
    backend
      .expectOne('/api/report-channel/demo')
      .flush({ statusCode: 404, message: 'Not Found' }, { status: 404, statusText: 'Not Found' });
    await settle(fixture);
    expect(el('h1').textContent).toContain('This address is not known');
    expect(page.querySelector('form')).toBeNull();
  });

  it('switches language on the page without remembering it in the browser', async () => {
    localStorage.clear();
    await open();
    click('button[lang="id"]');
    await settle(fixture);
    expect(el('h1').textContent).toContain('Laporkan pelecehan');
    expect(el('button[lang="id"]').getAttribute('aria-pressed')).toBe('true');
    expect(page.ownerDocument.documentElement.lang).toBe('id');
    expect(localStorage.length).toBe(0);
  });
});

describe('browserLanguage', () => {
  it('takes the first of the browser languages we have, else Indonesian', () => {
    expect(browserLanguage(['en-US', 'id'])).toBe('en');
    expect(browserLanguage(['fr-FR', 'id-ID', 'en'])).toBe('id');
    expect(browserLanguage(['ms-MY', 'jv'])).toBe('id');
    expect(browserLanguage([])).toBe('id');
  });
});

describe('report channel texts built from API values', () => {
  it('exist in both languages for every category, status and notice', async () => {
    const { CATEGORY_IDS } = await import('../shared/report-channel');
    const en = (await import('../../../public/i18n/en.json')).default as unknown as Record<string, unknown>;
    const id = (await import('../../../public/i18n/id.json')).default as unknown as Record<string, unknown>;
    const keys = [
      ...CATEGORY_IDS.map((c) => `reportChannel.categories.${c}`),
      ...['received', 'in_review', 'referred', 'closed'].flatMap((s) => [`reportChannel.status.${s}`, `reportChannel.status.help.${s}`]),
      ...['invalid', 'notRecognised', 'tooMany', 'ended'].map((n) => `reportChannel.followUp.notice.${n}`),
    ];
    const missing = (tree: Record<string, unknown>) =>
      keys.filter((key) => typeof key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree) !== 'string');
    expect(missing(en)).toEqual([]);
    expect(missing(id)).toEqual([]);
  });
});
