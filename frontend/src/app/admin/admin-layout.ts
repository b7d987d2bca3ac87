import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { CollapsibleNav } from '../core/layout/collapsible-nav';

@Component({
  selector: 'aman-admin-layout',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslocoPipe, CollapsibleNav],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <aman-collapsible-nav [label]="'admin.nav.label' | transloco">
      <ul>
        <li>
          <a
            routerLink="organizations"
            routerLinkActive="active"
            ariaCurrentWhenActive="page"
          >
            {{ 'admin.nav.organizations' | transloco }}
          </a>
        </li>
        <li>
          <a
            routerLink="partners"
            routerLinkActive="active"
            ariaCurrentWhenActive="page"
          >
            {{ 'admin.nav.partners' | transloco }}
          </a>
        </li>
        <li>
          <a
            routerLink="invitations"
            routerLinkActive="active"
            ariaCurrentWhenActive="page"
          >
            {{ 'invitations.nav' | transloco }}
          </a>
        </li>
        <li>
          <a
            routerLink="engagements"
            routerLinkActive="active"
            ariaCurrentWhenActive="page"
          >
            {{ 'admin.nav.engagements' | transloco }}
          </a>
        </li>
      </ul>
    </aman-collapsible-nav>
    <router-outlet />
  `,
})
export class AdminLayout {}
