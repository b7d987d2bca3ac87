import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import {
  ChangeDetectionStrategy,
  Component,
  EnvironmentInjector,
  afterNextRender,
} from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { NavigationEnd, Router, provideRouter } from '@angular/router';
import { filter } from 'rxjs';
import { settle } from '../../../testing/async';
import { translocoTesting } from '../../../testing/transloco-testing';
import { userWith } from '../../../testing/users';
import { CurrentUser, Role } from '../session/current-user';
import { SessionStore } from '../session/session-store';
import { Shell } from './shell';

describe('Shell', () => {
  let fixture: ComponentFixture<Shell>;
  let page: HTMLElement;
  let backend: HttpTestingController;

  async function render(
    roles: Role[] | null,
    overrides: Partial<CurrentUser> = {},
  ): Promise<void> {
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
    if (roles) me.flush(userWith(roles, overrides));
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

  it('shows a designated Satgas member "Reports" next to their learning', async () => {
    await render(['employee'], { isSatgas: true });
    const links = Array.from(page.querySelectorAll('nav a'), (a) => [
      a.textContent?.trim(),
      a.getAttribute('href'),
    ]);
    expect(links).toEqual([
      ['My training', '/learn'],
      ['Reports', '/cases'],
    ]);
  });

  it('shows a case handler who is also in the Satgas one entry to /cases', async () => {
    await render(['case_handler', 'employee'], { isSatgas: true });
    expect(page.querySelectorAll('nav a[href="/cases"]')).toHaveLength(1);
  });

  it('shows no Reports entry to an employee who is not in the Satgas', async () => {
    await render(['employee'], { isSatgas: false });
    expect(page.querySelector('nav a[href="/cases"]')).toBeNull();
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

@Component({
  selector: 'aman-plain-test-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<h1>Plain</h1>',
})
class PlainTestPage {}

@Component({
  selector: 'aman-focusing-test-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<h1 #heading tabindex="-1">Where reading starts</h1>',
})
class FocusingTestPage {}

describe('Shell: which area is current', () => {
  let fixture: ComponentFixture<Shell>;
  let router: Router;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [Shell, translocoTesting()],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'learn', component: PlainTestPage },
          { path: 'learn/team', component: PlainTestPage },
          { path: 'learn/modules/:slug', component: PlainTestPage },
        ]),
      ],
    }).compileComponents();
    const backend = TestBed.inject(HttpTestingController);
    const signedIn = TestBed.inject(SessionStore).load();
    backend
      .expectOne('/api/me')
      .flush(userWith(['employee'], { isLeader: true }));
    await signedIn;
    router = TestBed.inject(Router);
    fixture = TestBed.createComponent(Shell);
    await fixture.whenStable();
  });

  async function currentAt(url: string): Promise<(string | undefined)[]> {
    await router.navigateByUrl(url);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    return Array.from(
      page.querySelectorAll('nav a[aria-current="page"]'),
      (a) => a.textContent?.trim(),
    );
  }

  it('marks only the team view on /learn/team, not "My training" above it', async () => {
    await expect(currentAt('/learn/team')).resolves.toEqual(['My team']);
  });

  it('marks "My training" on its own pages and those below it', async () => {
    await expect(currentAt('/learn')).resolves.toEqual(['My training']);
    await expect(currentAt('/learn/modules/power-relations')).resolves.toEqual([
      'My training',
    ]);
  });
});

describe('Shell focus after navigation', () => {
  let fixture: ComponentFixture<Shell>;
  let router: Router;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [Shell, translocoTesting()],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'plain', component: PlainTestPage },
          { path: 'focusing', component: FocusingTestPage },
        ]),
      ],
    }).compileComponents();
    router = TestBed.inject(Router);
    fixture = TestBed.createComponent(Shell);
    await fixture.whenStable();
    await router.navigateByUrl('/plain');
    await fixture.whenStable();
  });

  it('moves focus to <main> after an in-app navigation', async () => {
    await router.navigateByUrl('/focusing');
    await fixture.whenStable();
    await router.navigateByUrl('/plain');
    await fixture.whenStable();

    expect(document.activeElement?.id).toBe('main');
  });

  it('keeps the focus a page moved to its own starting point', async () => {
    // In the browser a page's own render hook runs before the shell's: do the same here.
    const injector = TestBed.inject(EnvironmentInjector);
    const pageFocus = router.events
      .pipe(filter((event) => event instanceof NavigationEnd))
      .subscribe(() =>
        afterNextRender(
          () =>
            document.querySelector<HTMLElement>('h1[tabindex="-1"]')?.focus(),
          { injector },
        ),
      );
    await router.navigateByUrl('/focusing');
    await fixture.whenStable();
    pageFocus.unsubscribe();

    expect(document.activeElement?.tagName).toBe('H1');
  });
});
