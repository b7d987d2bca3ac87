import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageStore } from '../core/session/language-store';
import { FormatDatePipe } from '../shared/format-date-pipe';
import { Engagement } from '../core/audit/engagement';
import { CollapsibleNav } from '../core/layout/collapsible-nav';

/** One engaged organisation: its name and engagement, and the auditor's tabs below. */
@Component({
  selector: 'aman-organization-page',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    TranslocoPipe,
    FormatDatePipe,
    CollapsibleNav,
  ],
  templateUrl: './organization-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrganizationPage {
  protected readonly language = inject(LanguageStore);
  readonly orgId = input.required<string>();

  private readonly engagements = httpResource<Engagement[]>(
    () => '/api/engagements',
  );
  /** The organisation's engagements, the active one first. */
  protected readonly mine = computed(() => {
    if (!this.engagements.hasValue()) return [];
    return this.engagements
      .value()
      .filter((e) => e.organizationId === this.orgId())
      .sort((a, b) => Number(b.active) - Number(a.active));
  });
  /** Only a named engagement opens individual certificates (API.md). */
  protected readonly named = computed(() =>
    this.mine().some((e) => e.active && e.scope === 'named'),
  );
  protected readonly name = computed(
    () => this.mine().at(0)?.organizationName ?? null,
  );
}
