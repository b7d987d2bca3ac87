import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { LanguageStore } from '../core/session/language-store';
import { Unit, UnitImportResult } from './hr-models';
import { UnitsPage } from './units-page';

const UNITS: Unit[] = [
  { id: 'u1', code: 'SEKRETARIAT', name: 'Sekretariat', parentId: null },
  { id: 'u2', code: 'SEK-UMUM', name: 'Subbagian Umum', parentId: 'u1' },
  { id: 'u3', code: 'SEK-ARSIP', name: 'Arsip', parentId: 'u2' },
  { id: 'u4', code: 'BIDANG-A', name: 'Bidang A', parentId: null },
];

describe('UnitsPage', () => {
  let fixture: ComponentFixture<UnitsPage>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeAll(() => {
    HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
      this.open = true;
    };
    HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
      this.open = false;
      this.dispatchEvent(new Event('close'));
    };
  });

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [UnitsPage, translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(LanguageStore).use('en');
    fixture = TestBed.createComponent(UnitsPage);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    backend.expectOne('/api/units').flush(UNITS);
    await settle(fixture);
  });

  afterEach(() => backend.verify());

  function field<T extends HTMLElement = HTMLInputElement>(id: string): T {
    const element = page.querySelector<T>(`#${id}`);
    if (!element) throw new Error(`no #${id}`);
    return element;
  }

  function type(id: string, value: string): void {
    const input = field(id);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  function choose(id: string, value: string): void {
    const select = field<HTMLSelectElement>(id);
    select.value = value;
    select.dispatchEvent(new Event('change'));
  }

  async function reloaded(units = UNITS): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    fixture.detectChanges();
    backend.expectOne('/api/units').flush(units);
    await settle(fixture);
  }

  it('adds a unit under another one', async () => {
    type('unit-code', 'bad code!');
    field<HTMLFormElement>('unit-create-form').dispatchEvent(
      new Event('submit'),
    );
    await fixture.whenStable();
    backend.expectNone('/api/units');
    expect(page.querySelector('#unit-code-error')?.textContent).toContain(
      'starting with a letter or digit',
    );
    expect(page.querySelector('#unit-name-error')?.textContent).toContain(
      'This field is required.',
    );

    type('unit-code', 'SEK-KEU');
    type('unit-name', 'Subbagian Keuangan');
    choose('unit-parent', 'u1');
    field<HTMLFormElement>('unit-create-form').dispatchEvent(
      new Event('submit'),
    );
    const req = backend.expectOne((r) => r.method === 'POST');
    expect(req.request.url).toBe('/api/units');
    expect(req.request.body).toEqual({
      code: 'SEK-KEU',
      name: 'Subbagian Keuangan',
      parentId: 'u1',
    });
    req.flush({
      id: 'u5',
      code: 'SEK-KEU',
      name: 'Subbagian Keuangan',
      parentId: 'u1',
    });
    await reloaded();
    expect(page.querySelector('#units-outcome')?.textContent).toContain(
      'The unit “Subbagian Keuangan” has been added.',
    );
  });

  it('moves a unit, but never under itself or its own sub-units', async () => {
    Array.from(page.querySelectorAll<HTMLButtonElement>('.tree button'))
      .find((b) => b.textContent?.includes('Subbagian Umum'))
      ?.click();
    await fixture.whenStable();
    const parents = Array.from(
      field<HTMLSelectElement>('unit-edit-parent').options,
    ).map((o) => o.value);
    expect(parents).toEqual(['', 'u4', 'u1']);
    expect(field<HTMLSelectElement>('unit-edit-parent').value).toBe('u1');

    choose('unit-edit-parent', '');
    type('unit-edit-name', 'Bagian Umum');
    field<HTMLFormElement>('unit-edit-form').dispatchEvent(new Event('submit'));
    const req = backend.expectOne('/api/units/u2');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ name: 'Bagian Umum', parentId: null });
    req.flush({
      id: 'u2',
      code: 'SEK-UMUM',
      name: 'Bagian Umum',
      parentId: null,
    });
    await reloaded();
    expect(page.querySelector('#units-outcome')?.textContent).toContain(
      'The unit “Bagian Umum” has been saved.',
    );
  });

  it('explains why a unit with people in it cannot be archived', async () => {
    Array.from(page.querySelectorAll<HTMLButtonElement>('.tree button'))
      .filter((b) => b.textContent?.includes('Archive'))
      .find((b) => b.textContent?.includes('Bidang A'))
      ?.click();
    await fixture.whenStable();
    const dialog = page.querySelector<HTMLDialogElement>(
      'dialog[aria-labelledby="unit-archive-heading"]',
    );
    expect(dialog?.open).toBe(true);
    dialog?.querySelector<HTMLButtonElement>('.button-danger')?.click();
    const req = backend.expectOne('/api/units/u4/archive');
    expect(req.request.method).toBe('POST');
    req.flush(
      {
        statusCode: 409,
        message:
          '3 active people are in this unit or its sub-units: move or deactivate them first',
        activePeople: 3,
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle(fixture);
    expect(dialog?.open).toBe(true);
    expect(dialog?.textContent).toContain('This unit cannot be archived yet');
    expect(dialog?.textContent).toContain(
      '3 active people are in this unit or its sub-units',
    );
  });

  it('checks a CSV of units, then imports it', async () => {
    const input = field('units-file');
    const file = new File(
      ['code,name,parentCode\nSEK-KEU,Keuangan,SEKRETARIAT\n'],
      'units.csv',
      {
        type: 'text/csv',
      },
    );
    Object.defineProperty(input, 'files', { value: [file] });
    input.dispatchEvent(new Event('change'));
    input.form?.dispatchEvent(new Event('submit'));

    const check = backend.expectOne((r) => r.url === '/api/units/import');
    expect(check.request.params.get('dryRun')).toBe('true');
    expect((check.request.body as FormData).get('file')).toBeInstanceOf(File);
    const ready: UnitImportResult = {
      created: 1,
      updated: 0,
      unchanged: 0,
      errors: [],
      errorCount: 0,
      written: false,
    };
    check.flush(ready);
    await settle(fixture);
    expect(page.querySelector('#units-import-result')?.textContent).toContain(
      'Result of the check',
    );

    Array.from(page.querySelectorAll<HTMLButtonElement>('button'))
      .find((b) => b.textContent?.trim() === 'Import units')
      ?.click();
    const real = backend.expectOne((r) => r.url === '/api/units/import');
    expect(real.request.params.get('dryRun')).toBe('false');
    real.flush({ ...ready, written: true });
    await reloaded();
    expect(page.textContent).toContain(
      'Added: 1 · renamed or moved: 0 · unchanged: 0.',
    );
  });
});
