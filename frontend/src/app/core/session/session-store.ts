import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { CurrentUser, Role, TotpChallenge } from './current-user';
import { landingPathFor } from './landing-path';
import { LanguageStore, Locale, isLocale } from './language-store';

interface LoginResponse {
  user: CurrentUser;
  token: string;
}

/** Who is signed in. The session itself is an httpOnly cookie; this only mirrors `GET /api/me`. */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly http = inject(HttpClient);
  private readonly language = inject(LanguageStore);
  private readonly current = signal<CurrentUser | null>(null);
  private readonly isLoaded = signal(false);
  private loading: Promise<CurrentUser | null> | null = null;

  readonly user = this.current.asReadonly();
  /** True once we know whether someone is signed in. */
  readonly loaded = this.isLoaded.asReadonly();
  readonly isAuthenticated = computed(() => this.current() !== null);
  readonly roles = computed<readonly Role[]>(() => this.current()?.roles ?? []);
  readonly isEmployee = computed(() => this.roles().includes('employee'));
  readonly isHr = computed(() => this.roles().includes('hr_admin'));
  readonly isAuditor = computed(() => this.roles().includes('auditor'));
  readonly isPlatformAdmin = computed(() =>
    this.roles().includes('platform_admin'),
  );
  readonly landingPath = computed(() => landingPathFor(this.roles()));

  hasAnyRole(roles: readonly Role[]): boolean {
    const mine = this.roles();
    return roles.some((role) => mine.includes(role));
  }

  /** Asks the server once who is signed in; later calls answer from memory. */
  load(): Promise<CurrentUser | null> {
    if (this.isLoaded()) return Promise.resolve(this.current());
    this.loading ??= this.fetchMe().finally(() => (this.loading = null));
    return this.loading;
  }

  /** Signs in; with a second factor on, answers the challenge for `loginWithTotp` instead. */
  async login(
    email: string,
    password: string,
  ): Promise<CurrentUser | TotpChallenge> {
    const answer = await firstValueFrom(
      this.http.post<LoginResponse | TotpChallenge>('/api/auth/login', {
        email,
        password,
      }),
    );
    if ('totpRequired' in answer) return answer;
    this.signedIn(answer.user);
    return answer.user;
  }

  /** The second step of a sign-in: the challenge and a code from the app (or a recovery code). */
  async loginWithTotp(challenge: string, code: string): Promise<CurrentUser> {
    const { user } = await firstValueFrom(
      this.http.post<LoginResponse>('/api/auth/login/totp', { challenge, code }),
    );
    this.signedIn(user);
    return user;
  }

  async logout(): Promise<void> {
    try {
      await firstValueFrom(this.http.post<void>('/api/auth/logout', {}));
    } catch {
      // Whatever the server answers, this browser must stop showing the person's data.
    } finally {
      this.clear();
    }
  }

  /** Asks the server again who is signed in (e.g. after a second factor was set up). */
  refresh(): Promise<CurrentUser | null> {
    this.isLoaded.set(false);
    return this.load();
  }

  /** Forgets the session locally (e.g. after the server answered 401). */
  clear(): void {
    this.current.set(null);
    this.isLoaded.set(true);
  }

  /** Switches the language now, and remembers it on the account when signed in. */
  async changeLanguage(lang: Locale): Promise<void> {
    this.language.use(lang);
    const user = this.current();
    if (!user || user.locale === lang) return;
    this.current.set({ ...user, locale: lang });
    try {
      await firstValueFrom(this.http.patch('/api/me', { locale: lang }));
    } catch {
      // The language still applies in this browser; the account keeps its previous choice.
    }
  }

  private async fetchMe(): Promise<CurrentUser | null> {
    try {
      const user = await firstValueFrom(this.http.get<CurrentUser>('/api/me'));
      this.signedIn(user);
      return user;
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 401)
        this.clear();
      // Any other failure (server unreachable) is not an answer: ask again next time.
      return null;
    }
  }

  private signedIn(user: CurrentUser): void {
    this.current.set(user);
    this.isLoaded.set(true);
    if (isLocale(user.locale)) this.language.use(user.locale);
  }
}
