import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';

/** For a signed-in account that holds no role any area accepts. */
@Component({
  selector: 'aman-no-access-page',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ 'noAccess.heading' | transloco }}</h1>
    <p>{{ 'noAccess.body' | transloco }}</p>
  `,
})
export class NoAccessPage {}
