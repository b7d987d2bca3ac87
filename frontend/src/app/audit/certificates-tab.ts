import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { statusOf, toApiProblem } from '../core/http/api-problem';
import { Page } from '../core/http/page';
import { LanguageStore } from '../core/session/language-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatDatePipe } from '../shared/format-date-pipe';
import { FormatNumberPipe } from '../shared/format-number-pipe';
import { Pager } from '../shared/pager';
import { orgPath } from '../core/audit/audit-api';
import {
  CompletionRow,
  OrganizationCertificate,
} from '../core/audit/audit-models';

export const CERTIFICATES_PAGE_SIZE = 25;

/**
 * The organisation's individual certificates, which only a `named` engagement opens (API.md): who
 * holds which, from which unit, with the score and the content version, and the PDF and public
 * verification of each. Paged and filtered on the server; every read is in the organisation's trail.
 */
@Component({
  selector: 'aman-certificates-tab',
  imports: [
    ReactiveFormsModule,
    TranslocoPipe,
    ErrorAlert,
    FormatDatePipe,
    FormatNumberPipe,
    Pager,
  ],
  templateUrl: './certificates-tab.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CertificatesTab {
  protected readonly language = inject(LanguageStore);
  readonly orgId = input.required<string>();

  protected readonly pageSize = CERTIFICATES_PAGE_SIZE;
  protected readonly page = signal(1);
  protected readonly query = signal('');
  protected readonly moduleSlug = signal('');
  protected readonly unitId = signal('');
  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly moduleFilter = new FormControl('', { nonNullable: true });
  protected readonly unitFilter = new FormControl('', { nonNullable: true });

  protected readonly certificates = httpResource<Page<OrganizationCertificate>>(
    () => ({
      url: `${orgPath(this.orgId())}/certificates`,
      params: {
        page: this.page(),
        pageSize: CERTIFICATES_PAGE_SIZE,
        lang: this.language.lang(),
        ...(this.query() ? { q: this.query() } : {}),
        ...(this.moduleSlug() ? { module: this.moduleSlug() } : {}),
        ...(this.unitId() ? { unitId: this.unitId() } : {}),
      },
    }),
  );
  /**
   * The filters' options come from the aggregates the engagement already reads (an auditor has no
   * catalogue or unit list of their own): each row is a module or a unit, its id in `groupId`.
   */
  private readonly modules = httpResource<CompletionRow[]>(() => ({
    url: `${orgPath(this.orgId())}/reports/completion`,
    params: { groupBy: 'module', lang: this.language.lang() },
  }));
  private readonly units = httpResource<CompletionRow[]>(() => ({
    url: `${orgPath(this.orgId())}/reports/completion`,
    params: { groupBy: 'unit', lang: this.language.lang() },
  }));
  protected readonly moduleList = computed(() => optionsOf(this.modules));
  protected readonly unitList = computed(() => optionsOf(this.units));

  protected readonly rows = computed(() =>
    this.certificates.hasValue() ? this.certificates.value().items : [],
  );
  protected readonly total = computed(() =>
    this.certificates.hasValue() ? this.certificates.value().total : 0,
  );
  /** An aggregate engagement: said as such, not as an error to retry. */
  protected readonly notNamed = computed(
    () => statusOf(this.certificates.error()) === 403,
  );
  protected readonly problem = computed(() => {
    const error = this.certificates.error();
    return error && !this.notNamed() ? toApiProblem(error) : null;
  });
  protected readonly filtered = computed(
    () => !!(this.query() || this.moduleSlug() || this.unitId()),
  );

  protected applyFilters(event?: Event): void {
    event?.preventDefault();
    this.query.set(this.search.value.trim());
    this.moduleSlug.set(this.moduleFilter.value);
    this.unitId.set(this.unitFilter.value);
    this.page.set(1);
  }

  protected shortVersion(version: string): string {
    return version.slice(0, 12);
  }
}

function optionsOf(resource: {
  hasValue(): boolean;
  value(): CompletionRow[] | undefined;
}): { id: string; name: string }[] {
  if (!resource.hasValue()) return [];
  return (resource.value() ?? [])
    .filter((row) => row.groupId)
    .map((row) => ({ id: row.groupId as string, name: row.group }));
}
