import { Injectable, inject } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { TranslocoService } from '@jsverse/transloco';
import { ReplaySubject, of, switchMap } from 'rxjs';

const PRODUCT = 'Aman';

/**
 * Route titles are translation keys. The document title becomes "Aman — <translated title>" and
 * follows language switches.
 */
@Injectable({ providedIn: 'root' })
export class TranslatedTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly transloco = inject(TranslocoService);
  private readonly key = new ReplaySubject<string | undefined>(1);

  constructor() {
    super();
    // A root singleton: this subscription lives as long as the app.
    this.key
      .pipe(
        switchMap((key) =>
          key ? this.transloco.selectTranslate<string>(key) : of(null),
        ),
      )
      .subscribe((text) =>
        this.title.setTitle(text ? `${PRODUCT} — ${text}` : PRODUCT),
      );
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.key.next(this.buildTitle(snapshot));
  }
}
