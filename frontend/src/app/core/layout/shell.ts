import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  ActivatedRouteSnapshot,
  NavigationEnd,
  Router,
  RouterLink,
  RouterLinkActive,
  RouterOutlet,
} from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { filter, skip } from 'rxjs';
import { Role } from '../session/current-user';
import { LanguageStore, isLocale } from '../session/language-store';
import { SessionStore } from '../session/session-store';
import { CollapsibleNav } from './collapsible-nav';

interface AreaLink {
  path: string;
  labelKey: string;
  roles: readonly Role[];
  /** Shown to unit leaders only (their team view). */
  leadersOnly?: boolean;
  /** Also shown to the Satgas members HR designated (employees, no role of their own for it). */
  satgas?: boolean;
}

const AREAS: readonly AreaLink[] = [
  { path: '/learn', labelKey: 'app.nav.learn', roles: ['employee'] },
  {
    path: '/learn/team',
    labelKey: 'team.nav',
    roles: ['employee'],
    leadersOnly: true,
  },
  { path: '/hr', labelKey: 'app.nav.hr', roles: ['hr_admin'] },
  { path: '/audit', labelKey: 'app.nav.audit', roles: ['auditor'] },
  { path: '/admin', labelKey: 'app.nav.admin', roles: ['platform_admin'] },
  { path: '/cases', labelKey: 'app.nav.cases', roles: ['case_handler'] },
  {
    path: '/cases',
    labelKey: 'cases.navSatgas',
    roles: [],
    satgas: true,
  },
];

/** The page frame: skip link, header (areas, language, sign-out), main, footer. */
@Component({
  selector: 'aman-shell',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    TranslocoPipe,
    CollapsibleNav,
  ],
  templateUrl: './shell.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  protected readonly session = inject(SessionStore);
  protected readonly language = inject(LanguageStore);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  /** Pages whose route data says `bare` (the public report channel) show no header or footer. */
  protected readonly bare = signal(false);

  protected readonly links = computed(() =>
    AREAS.filter(
      (area) =>
        (area.roles.some((role) => this.session.roles().includes(role)) ||
          (!!area.satgas &&
            !!this.session.user()?.isSatgas &&
            !this.session.roles().includes('case_handler'))) &&
        (!area.leadersOnly || !!this.session.user()?.isLeader),
    ),
  );

  private readonly url = signal(this.router.url);
  /**
   * The area the page belongs to: the link with the longest path the URL is at or under, so that
   * /learn/team is "My team" alone, not "My training" too (routerLinkActive marks every prefix).
   */
  protected readonly currentArea = computed(() => {
    const path = this.url().split(/[?#]/)[0];
    return (
      this.links()
        .map((link) => link.path)
        .filter((p) => path === p || path.startsWith(`${p}/`))
        .sort((a, b) => b.length - a.length)[0] ?? null
    );
  });

  constructor() {
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe(() => {
        this.bare.set(isBare(this.router.routerState.snapshot.root));
        this.url.set(this.router.url);
      });
    // After each in-app navigation, move focus to the new content, as a page load would (the first
    // navigation is the page load itself).
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        skip(1),
        takeUntilDestroyed(),
      )
      .subscribe(() =>
        afterNextRender(() => this.focusMain(), { injector: this.injector }),
      );
  }

  /**
   * A page may already have moved focus to where its reading starts (e.g. a lesson's heading, made
   * focusable with tabindex="-1"): that is kept. Pages' render hooks run before this one.
   */
  private focusMain(): void {
    const main = this.main().nativeElement;
    const current = main.ownerDocument.activeElement;
    const placedByPage =
      current instanceof HTMLElement &&
      current !== main &&
      main.contains(current) &&
      current.getAttribute('tabindex') === '-1';
    if (!placedByPage) main.focus();
  }

  protected skipToMain(event: Event): void {
    // A plain "#main" href would resolve against <base href="/"> and reload the app at "/".
    event.preventDefault();
    this.main().nativeElement.focus();
  }

  protected onLanguageChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if (isLocale(value)) void this.session.changeLanguage(value);
  }

  protected async signOut(): Promise<void> {
    await this.session.logout();
    await this.router.navigate(['/login']);
  }
}

function isBare(route: ActivatedRouteSnapshot): boolean {
  let leaf = route;
  while (leaf.firstChild) leaf = leaf.firstChild;
  return leaf.data['bare'] === true;
}
