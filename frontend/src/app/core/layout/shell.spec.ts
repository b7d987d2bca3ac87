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
import { Role } from '../session/current-user';
import { SessionStore } from '../session/session-store';
import { Shell } from './shell';

describe('Shell', () => {
  let fixture: ComponentFixture<Shell>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  async function render(roles: Role[] | null): Promise<void> {
    await TestBed.configureTestingModule({
      imports: [Shell, translocoTesting()],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    }).compileComponents();
    backend = TestBed.inject(HttpTestingController);
    const signedIn = TestBed.inject(SessionStore).load();
    const me = backend.expectOne('/api/me');
    if (roles) me.flush(userWith(roles));
    else
      me.flush(
        { statusCode: 401, message: 'Unauthorized' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await signedIn;
    fixture = TestBed.createComponent(Shell);
    page = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  afterEach(() => backend.verify());

  it('starts with a skip link to <main>', async () => {
    await render(null);
    const first = page.querySelector('a, button, select, input');
    expect(first?.textContent?.trim()).toBe('Skip to main content');
    const main = page.querySelector('main');
    expect(main?.id).toBe('main');
    expect(main?.getAttribute('tabindex')).toBe('-1');

    (first as HTMLAnchorElement).click();
    expect(document.activeElement).toBe(main);
  });

  it('shows only the areas the roles open', async () => {
    await render(['employee', 'hr_admin']);
    const links = Array.from(page.querySelectorAll('nav a'), (a) =>
      a.textContent?.trim(),
    );
    expect(links).toEqual(['My training', 'HR']);
    expect(page.querySelector('header')?.textContent).toContain('Sign out');
  });

  it('shows no areas and no sign-out when signed out, but the language switch and privacy link', async () => {
    await render(null);
    expect(page.querySelectorAll('nav a')).toHaveLength(0);
    expect(page.textContent).not.toContain('Sign out');
    expect(
      page.querySelector('label[for="language-select"]')?.textContent,
    ).toContain('Language');
    expect(page.querySelector('footer a')?.getAttribute('href')).toBe(
      '/privacy',
    );
  });

  it('switches the language and remembers it on the account', async () => {
    await render(['auditor']);
    const select = page.querySelector<HTMLSelectElement>('#language-select');
    if (!select) throw new Error('no language select');
    select.value = 'id';
    select.dispatchEvent(new Event('change'));

    const req = backend.expectOne('/api/me');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ locale: 'id' });
    req.flush(null, { status: 204, statusText: 'No Content' });
    await settle(fixture);

    expect(document.documentElement.lang).toBe('id');
    expect(page.querySelector('.skip-link')?.textContent?.trim()).toBe(
      'Langsung ke konten utama',
    );
  });
});
