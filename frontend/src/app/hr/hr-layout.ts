import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { CollapsibleNav } from '../core/layout/collapsible-nav';

@Component({
  selector: 'aman-hr-layout',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslocoPipe, CollapsibleNav],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <aman-collapsible-nav [label]="'hr.nav.label' | transloco">
      <ul>
        <li>
          <a
            routerLink="dashboard"
            routerLinkActive="active"
            ariaCurrentWhenActive="page"
          >
            {{ 'hr.dashboard.nav' | transloco }}
          </a>
        </li>
        <li>
          <a
            routerLink="people"
            routerLinkActive="active"
            ariaCurrentWhenActive="page"
          >
            {{ 'hr.nav.people' | transloco }}
          </a>
        </li>
        <li>
          <a
            routerLink="units"
            routerLinkActive="active"
            ariaCurrentWhenActive="page"
          >
            {{ 'hr.nav.units' | transloco }}
          </a>
        </li>
        <li>
          <a
            routerLink="rules"
            routerLinkActive="active"
            ariaCurrentWhenActive="page"
          >
            {{ 'hr.rules.nav' | transloco }}
          </a>
        </li>
        <li>
          <a
            routerLink="policies"
            routerLinkActive="active"
            ariaCurrentWhenActive="page"
          >
            {{ 'hr.nav.policies' | transloco }}
          </a>
        </li>
        <li>
          <a
            routerLink="certificates"
            routerLinkActive="active"
            ariaCurrentWhenActive="page"
          >
            {{ 'hr.nav.certificates' | transloco }}
          </a>
        </li>
        <li>
          <a
            routerLink="settings"
            routerLinkActive="active"
            ariaCurrentWhenActive="page"
          >
            {{ 'hr.nav.settings' | transloco }}
          </a>
        </li>
        <li>
          <a
            routerLink="outbox"
            routerLinkActive="active"
            ariaCurrentWhenActive="page"
          >
            {{ 'hr.nav.outbox' | transloco }}
          </a>
        </li>
        <li>
          <a
            routerLink="report-channel"
            routerLinkActive="active"
            ariaCurrentWhenActive="page"
          >
            {{ 'hr.reportChannel.nav' | transloco }}
          </a>
        </li>
        <li>
          <a
            routerLink="surveys"
            routerLinkActive="active"
            ariaCurrentWhenActive="page"
          >
            {{ 'surveys.hr.nav' | transloco }}
          </a>
        </li>
        <li>
          <a
            routerLink="audit"
            routerLinkActive="active"
            ariaCurrentWhenActive="page"
          >
            {{ 'audit.hr.nav' | transloco }}
          </a>
        </li>
      </ul>
    </aman-collapsible-nav>
    <router-outlet />
  `,
})
export class HrLayout {}
