import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { filter } from 'rxjs';

let nextId = 0;

/**
 * A navigation that folds into a "Menu" button on narrow screens (styles.css, below 48rem) and is
 * a plain row of links on wider ones. The button says whether the list is open (aria-expanded);
 * Escape closes it and puts focus back on the button; choosing a page closes it.
 */
@Component({
  selector: 'aman-collapsible-nav',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(keydown.escape)': 'close(true)' },
  template: `
    <nav [class]="'collapsible-nav ' + navClass()" [attr.aria-label]="label()">
      <button
        #toggle
        type="button"
        class="nav-toggle"
        [attr.aria-expanded]="open()"
        [attr.aria-controls]="panelId"
        (click)="open.set(!open())"
      >
        <span class="nav-toggle-icon" aria-hidden="true"></span>
        {{ 'app.nav.menu' | transloco }}
        <span class="visually-hidden">: {{ label() }}</span>
      </button>
      <div class="nav-panel" [id]="panelId" [class.open]="open()">
        <ng-content />
      </div>
    </nav>
  `,
})
export class CollapsibleNav {
  /** The navigation's accessible name, e.g. "HR sections". */
  readonly label = input.required<string>();
  /** `main-nav` (the dark header) or `sub-nav` (an area's sections). */
  readonly navClass = input<'main-nav' | 'sub-nav'>('sub-nav');

  protected readonly open = signal(false);
  protected readonly panelId = `nav-panel-${++nextId}`;
  private readonly toggle =
    viewChild.required<ElementRef<HTMLButtonElement>>('toggle');

  constructor() {
    inject(Router)
      .events.pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.open.set(false));
  }

  close(returnFocus: boolean): void {
    if (!this.open()) return;
    this.open.set(false);
    if (returnFocus) this.toggle().nativeElement.focus();
  }
}
