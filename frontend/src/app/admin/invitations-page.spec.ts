import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { nextRequest, settle } from '../../testing/async';
import { translocoTesting } from '../../testing/transloco-testing';
import { Invitation } from './admin-models';
import { InvitationsPage } from './invitations-page';
import { OrganizationsPage } from './organizations-page';

const base = {
  organizationId: null,
  partnerId: null,
  sentAt: '2026-12-01T02:00:00Z',
  expiresAt: '2026-12-08T02:00:00Z',
};
const INVITATIONS: Invitation[] = [
  {
    ...base,
    userId: 'u1',
    email: 'rina@org.test',
    name: 'Rina',
    roles: ['employee', 'hr_admin'],
    organizationId: 'o1',
    state: 'used',
  },
  {
    ...base,
    userId: 'u2',
    email: 'dian@mitra.test',
    name: 'Dian',
    roles: ['auditor'],
    partnerId: 'p1',
    state: 'pending',
  },
  {
    ...base,
    userId: 'u3',
    email: 'eko@org.test',
    name: 'Eko',
    roles: ['employee', 'hr_admin'],
    organizationId: 'o2',
    state: 'expired',
  },
];

describe('InvitationsPage', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [InvitationsPage, OrganizationsPage, translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function render() {
    const fixture = TestBed.createComponent(InvitationsPage);
    fixture.detectChanges();
    backend.expectOne('/api/invitations').flush(INVITATIONS);
    await settle(fixture);
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  it('shows each invited person with the state of their invitation, and resend only where it was not used', async () => {
    const { page } = await render();
    const rows = Array.from(page.querySelectorAll('tbody tr')).map((row) =>
      Array.from(row.querySelectorAll('td')).map((cell) =>
        cell.textContent?.replace(/\s+/g, ' ').trim(),
      ),
    );
    expect(rows.map((r) => [r[0], r[2], r[3]])).toEqual([
      ['Rina', 'HR admin', 'Used'],
      ['Dian', 'Auditor', 'Pending'],
      ['Eko', 'HR admin', 'Expired'],
    ]);
    const buttons = Array.from(
      page.querySelectorAll<HTMLButtonElement>('tbody button'),
    );
    expect(
      buttons.map((b) => b.textContent?.replace(/\s+/g, ' ').trim()),
    ).toEqual(['Resend invitation : Dian', 'Resend invitation : Eko']);
  });

  it('resends an invitation, says so in a live region and reloads the list', async () => {
    const { fixture, page } = await render();
    page.querySelectorAll<HTMLButtonElement>('tbody button')[1].click();
    const request = backend.expectOne('/api/invitations/u3/resend');
    expect(request.request.method).toBe('POST');
    request.flush({ ...INVITATIONS[2], state: 'pending' });
    (await nextRequest(backend, '/api/invitations'))
      .flush(
        INVITATIONS.map((i) =>
          i.userId === 'u3' ? { ...i, state: 'pending' } : i,
        ),
      );
    await settle(fixture);
    const status = page.querySelector('[role="status"][aria-live="polite"]');
    expect(status?.textContent).toContain(
      'A new invitation was sent to eko@org.test',
    );
    expect(page.querySelectorAll('tbody tr')[2].textContent).toContain(
      'Pending',
    );
  });

  it('onboards an organisation without anyone typing the HR admin’s password', async () => {
    const fixture = TestBed.createComponent(OrganizationsPage);
    fixture.detectChanges();
    backend.expectOne('/api/organizations').flush([]);
    await settle(fixture);
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector('input[type="password"]')).toBeNull();
    const set = (id: string, value: string) => {
      const input = page.querySelector<HTMLInputElement>(`#${id}`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    set('org-name', 'Dinas Contoh');
    set('org-code', 'dinas-contoh');
    set('org-hrEmail', 'rina@org.test');
    set('org-hrName', 'Rina');
    page.querySelector('form')!.dispatchEvent(new Event('submit'));
    await settle(fixture);
    const request = backend.expectOne('/api/organizations');
    expect(request.request.method).toBe('POST');
    expect(request.request.body.hrAdmin).toEqual({
      email: 'rina@org.test',
      name: 'Rina',
    });
    request.flush(
      { id: 'o9', name: 'Dinas Contoh', code: 'dinas-contoh' },
      { status: 201, statusText: 'Created' },
    );
    (await nextRequest(backend, '/api/organizations')).flush([]);
    await settle(fixture);
    expect(page.textContent).toContain(
      'Its HR admin has been sent an invitation.',
    );
  });
});
