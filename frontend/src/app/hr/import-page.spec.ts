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
import { LanguageStore } from '../core/session/language-store';
import { PeopleImportResult } from './hr-models';
import { ImportPage } from './import-page';

const CSV = [
  'email,name,employeeNumber,unitCode,isLeader,gender,employmentType,hireDate,locale',
  'siti@contoh.go.id,Siti Rahmawati,1987,SEKRETARIAT,false,female,permanent,2010-01-04,id',
  'budi@contoh.go.id,Budi,1988,NOPE,maybe,male,permanent,2011-02-30,id',
].join('\n');

const CHECKED: PeopleImportResult = {
  created: 0,
  updated: 0,
  unchanged: 0,
  skipped: 1,
  errors: [
    {
      line: 3,
      field: 'unitCode',
      message: 'there is no unit NOPE in your organisation',
    },
    { line: 3, field: 'isLeader', message: 'isLeader must be true or false' },
    {
      line: 3,
      field: null,
      message: 'the line has more values than the header',
    },
  ],
  errorCount: 3,
  written: false,
};

describe('ImportPage', () => {
  let fixture: ComponentFixture<ImportPage>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [ImportPage, translocoTesting()],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(LanguageStore).use('en');
    fixture = TestBed.createComponent(ImportPage);
    page = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  function chooseFile(): File {
    const file = new File([CSV], 'people.csv', { type: 'text/csv' });
    const input = page.querySelector<HTMLInputElement>('#import-file');
    if (!input) throw new Error('no file input');
    Object.defineProperty(input, 'files', {
      value: [file],
      configurable: true,
    });
    input.dispatchEvent(new Event('change'));
    return file;
  }

  function button(text: string): HTMLButtonElement {
    const found = Array.from(
      page.querySelectorAll<HTMLButtonElement>('button'),
    ).find((b) => b.textContent?.trim() === text);
    if (!found) throw new Error(`no button "${text}"`);
    return found;
  }

  /** The multipart field `file` (FormData keeps a copy of the File, not the same object). */
  function sentFile(req: TestRequest): { name: string; size: number } {
    const sent = (req.request.body as FormData).get('file');
    if (!(sent instanceof File)) throw new Error('no file sent');
    return { name: sent.name, size: sent.size };
  }

  function importRequest(): TestRequest {
    return backend.expectOne((r) => r.url === '/api/users/import');
  }

  it('explains the columns and links the template', () => {
    expect(
      page.querySelector<HTMLAnchorElement>(
        'a[href="/api/users/import/template.csv"]',
      ),
    ).not.toBeNull();
    const columns = Array.from(
      page.querySelectorAll('#import-columns-caption ~ tbody th code'),
    ).map((c) => c.textContent);
    expect(columns).toEqual([
      'email',
      'name',
      'employeeNumber',
      'unitCode',
      'isLeader',
      'gender',
      'employmentType',
      'hireDate',
      'locale',
    ]);
    expect(page.textContent).toContain(
      'Line numbers count the header as line 1',
    );
  });

  it('asks for a file before checking', async () => {
    page.querySelector('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    backend.expectNone((r) => r.url === '/api/users/import');
    expect(page.querySelector('#import-file-error')?.textContent).toContain(
      'Choose a CSV file first.',
    );
    expect(
      page.querySelector('#import-file')?.getAttribute('aria-invalid'),
    ).toBe('true');
  });

  it('checks the file with a dry run, lists the problems, then imports skipping the bad lines', async () => {
    const file = chooseFile();
    page.querySelector('form')?.dispatchEvent(new Event('submit'));
    fixture.detectChanges();

    const check = importRequest();
    expect(check.request.method).toBe('POST');
    expect(check.request.params.get('dryRun')).toBe('true');
    expect(check.request.params.get('skipInvalid')).toBe('false');
    expect(sentFile(check)).toEqual({ name: file.name, size: file.size });
    expect(page.querySelector('.progress-row')?.textContent).toContain(
      'Checking the file…',
    );
    expect(page.querySelector('progress')).not.toBeNull();
    check.flush(CHECKED);
    await settle(fixture);

    expect(document.activeElement?.id).toBe('import-check-heading');
    expect(page.textContent).toContain('Lines with problems: 1');
    const table = page.querySelector('#import-check-errors')?.closest('table');
    expect(table?.querySelector('caption')?.textContent).toContain(
      'Problems found (3)',
    );
    const rows = Array.from(table?.querySelectorAll('tbody tr') ?? []).map(
      (tr) =>
        Array.from(tr.querySelectorAll('th, td')).map((c) =>
          c.textContent?.trim(),
        ),
    );
    expect(rows).toEqual([
      ['3', 'unitCode', 'there is no unit NOPE in your organisation'],
      ['3', 'isLeader', 'isLeader must be true or false'],
      ['3', 'The whole line', 'the line has more values than the header'],
    ]);
    expect(table?.querySelector('tbody th')?.getAttribute('scope')).toBe('row');

    // With problems left, importing needs the choice to skip them.
    button('Import now').click();
    await fixture.whenStable();
    backend.expectNone((r) => r.url === '/api/users/import');
    expect(page.querySelector('#import-skip-error')?.textContent).toContain(
      'Tick this box',
    );

    page.querySelector<HTMLInputElement>('#import-skip')?.click();
    button('Import now').click();
    fixture.detectChanges();
    const real = importRequest();
    expect(real.request.params.get('dryRun')).toBe('false');
    expect(real.request.params.get('skipInvalid')).toBe('true');
    expect(sentFile(real)).toEqual({ name: file.name, size: file.size });
    real.flush({
      created: 1,
      updated: 0,
      unchanged: 0,
      skipped: 1,
      errors: CHECKED.errors,
      errorCount: 3,
      written: true,
    } satisfies PeopleImportResult);
    await settle(fixture);

    const done = page.querySelector('#import-done');
    expect(document.activeElement).toBe(done);
    expect(done?.textContent).toContain(
      'Added: 1 · updated: 0 · already up to date: 0.',
    );
    expect(done?.textContent).toContain('Lines with problems skipped: 1.');
    expect(page.querySelector('#import-done-errors')).not.toBeNull();
  });

  it('imports a clean file straight after the check', async () => {
    chooseFile();
    page.querySelector('form')?.dispatchEvent(new Event('submit'));
    importRequest().flush({
      created: 120,
      updated: 3,
      unchanged: 1000,
      skipped: 0,
      errors: [],
      errorCount: 0,
      written: false,
    } satisfies PeopleImportResult);
    await settle(fixture);

    expect(page.querySelector('#import-skip')).toBeNull();
    const facts = Array.from(page.querySelectorAll('.facts dd')).map((dd) =>
      dd.textContent?.trim(),
    );
    expect(facts).toEqual(['120', '3', '1,000']);

    button('Import now').click();
    const real = importRequest();
    expect(real.request.params.get('dryRun')).toBe('false');
    expect(real.request.params.get('skipInvalid')).toBe('false');
    real.flush({
      created: 120,
      updated: 3,
      unchanged: 1000,
      skipped: 0,
      errors: [],
      errorCount: 0,
      written: true,
    } satisfies PeopleImportResult);
    await settle(fixture);
    expect(page.querySelector('#import-done')?.textContent).toContain(
      'Added: 120 · updated: 3 · already up to date: 1,000.',
    );
    // The import mailed nobody: HR sends the invitations when ready, from here or the checklist.
    expect(page.querySelector('#import-done')?.textContent).toContain(
      'Nobody has been sent a mail yet.',
    );
    button('Invite everyone not yet invited').click();
    const invite = backend.expectOne('/api/people/invitations');
    expect(invite.request.method).toBe('POST');
    expect(invite.request.body).toEqual({ all: true });
    invite.flush({
      invited: 118,
      withoutEmail: 2,
      alreadyActive: 0,
      deactivated: 0,
    });
    await settle(fixture);
    const status = page.querySelector('aman-invite-people [role="status"]');
    expect(status?.textContent).toContain('Invitations sent: 118.');
    expect(status?.textContent).toContain(
      'People without an email address cannot be invited: 2.',
    );
  });

  it('shows why the server refused the file', async () => {
    chooseFile();
    page.querySelector('form')?.dispatchEvent(new Event('submit'));
    importRequest().flush(
      {
        statusCode: 400,
        message: 'column unitCode is missing from the header',
        fields: [
          {
            field: 'unitCode',
            message: 'column unitCode is missing from the header',
          },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);
    expect(page.querySelector('#import-form-error')?.textContent).toContain(
      'column unitCode is missing from the header',
    );
    expect(page.querySelector('#import-check-heading')).toBeNull();
  });
});
