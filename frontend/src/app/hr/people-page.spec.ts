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
import { Page } from '../core/http/page';
import { LanguageStore } from '../core/session/language-store';
import { Person, Unit } from './hr-models';
import { PeoplePage } from './people-page';

const UNITS: Unit[] = [
  { id: 'u1', code: 'SEKRETARIAT', name: 'Sekretariat', parentId: null },
];

const PERSON: Person = {
  id: 'p1',
  name: 'Budi Santoso',
  email: null,
  employeeNumber: '1990',
  unitId: 'u1',
  unitName: 'Sekretariat',
  isLeader: false,
  gender: 'male',
  employmentType: 'permanent',
  roles: ['employee'],
  status: 'deactivated',
};

function pageOf(items: Person[]): Page<Person> {
  return { items, total: items.length, page: 1, pageSize: 25 };
}

describe('PeoplePage', () => {
  let fixture: ComponentFixture<PeoplePage>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [PeoplePage, translocoTesting()],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(LanguageStore).use('en');
    fixture = TestBed.createComponent(PeoplePage);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    backend.expectOne('/api/units').flush(UNITS);
  });

  afterEach(() => backend.verify());

  function list(): TestRequest {
    return backend.expectOne((r) => r.url === '/api/users');
  }

  function choose(id: string, value: string): void {
    const select = page.querySelector<HTMLSelectElement>(`#${id}`);
    if (!select) throw new Error(`no #${id}`);
    select.value = value;
    select.dispatchEvent(new Event('change'));
  }

  it('lists active people first and filters by unit, position and status', async () => {
    const first = list();
    expect(first.request.params.get('status')).toBe('active');
    expect(first.request.params.has('unitId')).toBe(false);
    first.flush(pageOf([]));
    await settle(fixture);
    expect(page.querySelector('a[href="/hr/import"]')).not.toBeNull();
    expect(
      page.querySelector('a[href="/new"], a[href$="/new"]'),
    ).not.toBeNull();

    choose('people-unit', 'u1');
    choose('people-position', 'staff');
    choose('people-status', 'deactivated');
    page.querySelector('form')?.dispatchEvent(new Event('submit'));
    fixture.detectChanges();

    const filtered = list();
    expect(filtered.request.params.get('unitId')).toBe('u1');
    expect(filtered.request.params.get('isLeader')).toBe('false');
    expect(filtered.request.params.get('status')).toBe('deactivated');
    expect(filtered.request.params.get('page')).toBe('1');
    filtered.flush(pageOf([PERSON]));
    await settle(fixture);

    const row = page.querySelector('tbody tr');
    expect(row?.querySelector('a')?.textContent?.trim()).toBe('Budi Santoso');
    expect(row?.querySelector('a')?.getAttribute('href')).toContain('p1');
    expect(row?.textContent).toContain('Deactivated');
    // No HR role changes for someone who cannot sign in.
    expect(row?.querySelector('button')).toBeNull();

    Array.from(page.querySelectorAll<HTMLButtonElement>('button'))
      .find((b) => b.textContent?.includes('Clear filters'))
      ?.click();
    fixture.detectChanges();
    const cleared = list();
    expect(cleared.request.params.get('status')).toBe('active');
    expect(cleared.request.params.has('isLeader')).toBe(false);
    cleared.flush(pageOf([]));
    await settle(fixture);
  });

  it('offers the per-person export in the reader\'s language for the applied unit', async () => {
    list().flush(pageOf([]));
    await settle(fixture);
    const csv = () =>
      page.querySelector<HTMLAnchorElement>('a[href^="/api/reports/people.csv"]');
    expect(csv()?.getAttribute('href')).toBe('/api/reports/people.csv?lang=en');
    expect(csv()?.hasAttribute('download')).toBe(true);
    expect(
      page.querySelector('a[href^="/api/reports/people.xlsx"]')?.textContent,
    ).toContain('Excel');

    choose('people-unit', 'u1');
    page.querySelector('form')?.dispatchEvent(new Event('submit'));
    fixture.detectChanges();
    list().flush(pageOf([]));
    await settle(fixture);
    expect(csv()?.getAttribute('href')).toBe(
      '/api/reports/people.csv?lang=en&unitId=u1',
    );
  });
});
