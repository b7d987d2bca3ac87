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
import { ReportChannelPage } from './report-channel-page';

function person(id: string, name: string) {
  return { id, name, email: `${id}@demo.test`, employeeNumber: null, unitId: null, unitName: 'Sekretariat', isLeader: false, gender: 'not_stated', employmentType: 'permanent', roles: ['employee'] };
}

describe('ReportChannelPage (HR)', () => {
  let fixture: ComponentFixture<ReportChannelPage>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [ReportChannelPage, translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(LanguageStore).use('en');
    fixture = TestBed.createComponent(ReportChannelPage);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    backend.expectOne('/api/organizations').flush([{ id: 'org-1', name: 'Demo', code: 'demo' }]);
    backend.expectOne('/api/satgas-members').flush([{ id: 'u1', name: 'Wulan Sari', hasKey: true }]);
    await settle(fixture);
  });

  afterEach(() => backend.verify());

  function find<T extends Element>(selector: string): T {
    const found = page.querySelector<T>(selector);
    if (!found) throw new Error(`no ${selector}`);
    return found;
  }

  it("shows the channel's address and the poster download", () => {
    expect(find('[data-testid="channel-url"]').textContent).toBe(`${location.origin}/report/demo`);
    expect(find('a[href="/api/report-channel/poster"]').textContent).toContain('Download the poster');
  });

  it('adds an employee found by search, removes another and saves the whole list', async () => {
    expect(find<HTMLButtonElement>('section:last-of-type > button.button').disabled).toBe(true);
    const search = find<HTMLInputElement>('#satgas-search');
    search.value = 'budi';
    search.dispatchEvent(new Event('input'));
    find('form[role="search"]').dispatchEvent(new Event('submit', { cancelable: true }));
    fixture.detectChanges();
    const query = backend.expectOne((r) => r.url === '/api/users');
    expect(query.request.params.get('q')).toBe('budi');
    expect(query.request.params.get('status')).toBe('active');
    query.flush({ items: [person('u1', 'Wulan Sari'), person('u2', 'Budi Santoso')], total: 2, page: 1, pageSize: 10 });
    await settle(fixture);

    // Someone already designated is not offered again.
    expect(page.querySelector('button[aria-label="Add Wulan Sari"]')).toBeNull();
    find<HTMLButtonElement>('button[aria-label="Add Budi Santoso"]').click();
    find<HTMLButtonElement>('button[aria-label="Remove Wulan Sari"]').click();
    await settle(fixture);
    find<HTMLButtonElement>('section:last-of-type > button.button').click();
    await settle(fixture);

    const put = backend.expectOne((r) => r.method === 'PUT' && r.url === '/api/satgas-members');
    expect(put.request.body).toEqual({ userIds: ['u2'] });
    put.flush(null);
    await new Promise((resolve) => setTimeout(resolve, 0));
    fixture.detectChanges();
    backend.expectOne('/api/satgas-members').flush([{ id: 'u2', name: 'Budi Santoso', hasKey: false }]);
    await settle(fixture);
    expect(page.textContent).toContain('The Satgas was saved.');
    expect(find('[data-member-id="u2"]').textContent).toContain('has not signed in since');
  });

  it('shows a refusal from the server', async () => {
    find<HTMLButtonElement>('button[aria-label="Remove Wulan Sari"]').click();
    await settle(fixture);
    find<HTMLButtonElement>('section:last-of-type > button.button').click();
    await settle(fixture);
    backend
      .expectOne('/api/satgas-members')
      .flush({ statusCode: 400, message: 'userIds: not an active person', fields: [{ field: 'userIds', message: 'not an active person' }] }, { status: 400, statusText: 'Bad Request' });
    await settle(fixture);
    expect(find('[role="alert"]:not(:empty)').textContent).toContain('userIds: not an active person');
  });
});

describe('ReportChannelPage (HR) when the Satgas cannot be read', () => {
  it('says so and does not let HR save a list built on nothing (saving replaces the whole list)', async () => {
    await TestBed.configureTestingModule({
      imports: [ReportChannelPage, translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    }).compileComponents();
    const backend = TestBed.inject(HttpTestingController);
    TestBed.inject(LanguageStore).use('en');
    const fixture = TestBed.createComponent(ReportChannelPage);
    const page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    backend.expectOne('/api/organizations').flush([{ id: 'org-1', name: 'Demo', code: 'demo' }]);
    backend.expectOne('/api/satgas-members').flush({ message: 'boom' }, { status: 500, statusText: 'Server Error' });
    await settle(fixture);
    expect(page.querySelector('[role="alert"]:not(:empty)')?.textContent).toContain('Something went wrong on the server');

    const search = page.querySelector('#satgas-search') as HTMLInputElement;
    search.value = 'budi';
    search.dispatchEvent(new Event('input'));
    page.querySelector('form[role="search"]')?.dispatchEvent(new Event('submit', { cancelable: true }));
    fixture.detectChanges();
    backend.expectOne((r) => r.url === '/api/users').flush({ items: [person('u2', 'Budi Santoso')], total: 1, page: 1, pageSize: 10 });
    await settle(fixture);
    (page.querySelector('button[aria-label="Add Budi Santoso"]') as HTMLButtonElement).click();
    await settle(fixture);
    expect((page.querySelector('section:last-of-type > button.button') as HTMLButtonElement).disabled).toBe(true);
    backend.verify();
  });
});
