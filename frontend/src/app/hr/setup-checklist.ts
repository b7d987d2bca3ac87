import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionStore } from '../core/session/session-store';
import { InvitePeople } from './invite-people';

/** What `GET /api/organizations/:orgId/setup` answers. */
export interface SetupStatus {
  units: boolean;
  settings: boolean;
  satgas: boolean;
  policy: boolean;
  people: boolean;
  rules: boolean;
  invite: boolean;
  notInvited: number;
  complete: boolean;
}

/** The steps in the order a new organisation takes them, each with the page where it is done. */
export const SETUP_STEPS = [
  { key: 'units', link: '/hr/units' },
  { key: 'settings', link: '/hr/settings' },
  { key: 'satgas', link: '/hr/settings' },
  { key: 'policy', link: '/hr/policies' },
  { key: 'people', link: '/hr/import' },
  { key: 'rules', link: '/hr/rules' },
  { key: 'invite', link: '/hr/people' },
] as const;

/**
 * HR's set-up checklist on the landing page: each step ticks itself from the server's data, and
 * the whole list goes away once everything is done.
 */
@Component({
  selector: 'aman-setup-checklist',
  imports: [RouterLink, TranslocoPipe, InvitePeople],
  templateUrl: './setup-checklist.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SetupChecklist {
  private readonly session = inject(SessionStore);
  protected readonly steps = SETUP_STEPS;

  protected readonly status = httpResource<SetupStatus>(() => {
    const id = this.session.user()?.organizationId;
    return id
      ? `/api/organizations/${encodeURIComponent(id)}/setup`
      : undefined;
  });
  protected readonly current = computed(() =>
    this.status.hasValue() ? this.status.value() : null,
  );
  protected readonly doneCount = computed(() => {
    const s = this.current();
    return s ? SETUP_STEPS.filter((step) => s[step.key]).length : 0;
  });

  protected reload(): void {
    this.status.reload();
  }
}
