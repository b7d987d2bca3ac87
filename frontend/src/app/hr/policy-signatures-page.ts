import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemOf } from '../core/http/api-problem';
import { Page } from '../core/http/page';
import { LanguageStore } from '../core/session/language-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatDatePipe } from '../shared/format-date-pipe';
import { Pager } from '../shared/pager';
import { HR_PAGE_SIZE, PolicyVersion, Signature } from './hr-models';

type Group = '' | 'leaders' | 'staff';
type Signed = '' | 'true' | 'false';

/** Who signed one version of a document (or not yet), leaders and staff apart. */
@Component({
  selector: 'aman-policy-signatures-page',
  imports: [RouterLink, TranslocoPipe, ErrorAlert, FormatDatePipe, Pager],
  templateUrl: './policy-signatures-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PolicySignaturesPage {
  protected readonly language = inject(LanguageStore);

  readonly id = input.required<string>();

  protected readonly pageSize = HR_PAGE_SIZE;
  protected readonly page = signal(1);
  protected readonly group = signal<Group>('');
  protected readonly signed = signal<Signed>('');

  /** The list of versions names the document and carries its totals. */
  protected readonly policies = httpResource<PolicyVersion[]>(
    () => '/api/policies',
  );
  protected readonly policy = computed(() =>
    this.policies.hasValue()
      ? (this.policies.value().find((p) => p.id === this.id()) ?? null)
      : null,
  );

  protected readonly signatures = httpResource<Page<Signature>>(() => ({
    url: `/api/policies/${encodeURIComponent(this.id())}/signatures`,
    params: {
      page: this.page(),
      pageSize: HR_PAGE_SIZE,
      ...(this.group() ? { group: this.group() } : {}),
      ...(this.signed() ? { signed: this.signed() } : {}),
    },
  }));
  protected readonly rows = computed(() =>
    this.signatures.hasValue() ? this.signatures.value().items : [],
  );
  protected readonly total = computed(() =>
    this.signatures.hasValue() ? this.signatures.value().total : 0,
  );
  protected readonly problem = problemOf(this.signatures);

  protected titleOf(policy: PolicyVersion): string {
    return policy.title[this.language.lang()] || policy.title.id;
  }

  protected setGroup(event: Event): void {
    this.group.set((event.target as HTMLSelectElement).value as Group);
    this.page.set(1);
  }

  protected setSigned(event: Event): void {
    this.signed.set((event.target as HTMLSelectElement).value as Signed);
    this.page.set(1);
  }
}
