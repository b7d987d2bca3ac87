import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';

@Component({
  selector: 'aman-not-found-page',
  imports: [RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ 'notFound.heading' | transloco }}</h1>
    <p>{{ 'notFound.body' | transloco }}</p>
    <p>
      <a routerLink="/">{{ 'notFound.home' | transloco }}</a>
    </p>
  `,
})
export class NotFoundPage {}
