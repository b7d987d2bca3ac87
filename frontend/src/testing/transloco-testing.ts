import { TranslocoTestingModule } from '@jsverse/transloco';
import en from '../../public/i18n/en.json';
import id from '../../public/i18n/id.json';

/** The real translation files, preloaded; English active so assertions read naturally. */
export function translocoTesting() {
  return TranslocoTestingModule.forRoot({
    langs: { en, id },
    translocoConfig: {
      availableLangs: ['id', 'en'],
      defaultLang: 'en',
      reRenderOnLangChange: true,
    },
    preloadLangs: true,
  });
}
