import {
  provideHttpClient,
  withInterceptors,
  withXsrfConfiguration,
} from '@angular/common/http';
import {
  ApplicationConfig,
  inject,
  isDevMode,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
} from '@angular/core';
import {
  TitleStrategy,
  provideRouter,
  withComponentInputBinding,
} from '@angular/router';
import { TranslocoService, provideTransloco } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { appRoutes } from './app.routes';
import { authInterceptor } from './core/http/auth-interceptor';
import { languageInterceptor } from './core/http/language-interceptor';
import { TranslatedTitleStrategy } from './core/i18n/translated-title-strategy';
import { TranslocoHttpLoader } from './core/i18n/transloco-http-loader';
import {
  DEFAULT_LOCALE,
  LOCALES,
  LanguageStore,
} from './core/session/language-store';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(appRoutes, withComponentInputBinding()),
    { provide: TitleStrategy, useExisting: TranslatedTitleStrategy },
    provideHttpClient(
      withInterceptors([authInterceptor, languageInterceptor]),
      withXsrfConfiguration({
        cookieName: 'XSRF-TOKEN',
        headerName: 'X-XSRF-TOKEN',
      }),
    ),
    provideTransloco({
      config: {
        availableLangs: [...LOCALES],
        defaultLang: DEFAULT_LOCALE,
        fallbackLang: DEFAULT_LOCALE,
        reRenderOnLangChange: true,
        prodMode: !isDevMode(),
        // Both files hold every key (checked by i18n.spec.ts); the fallback only covers a failed load.
        missingHandler: { useFallbackTranslation: false },
      },
      loader: TranslocoHttpLoader,
    }),
    // Show the first page in the language chosen before in this browser, already translated.
    provideAppInitializer(() => {
      const language = inject(LanguageStore);
      const lang = language.storedLanguage();
      language.use(lang, false);
      // A failed load must not keep the app from starting; transloco retries on the next switch.
      return firstValueFrom(inject(TranslocoService).load(lang)).catch(
        () => undefined,
      );
    }),
  ],
};
