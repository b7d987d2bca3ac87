import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { statusOf, toApiProblem } from '../core/http/api-problem';
import { LanguageStore } from '../core/session/language-store';
import { ErrorAlert } from '../shared/error-alert';
import { orgPath } from '../core/audit/audit-api';
import { CompletionRow, GROUP_BYS, GroupBy } from '../core/audit/audit-models';
import { PercentPipe } from './percent-pipe';

interface ShownRow {
  row: CompletionRow;
  /** The unit this one belongs to, when grouped by unit. */
  parent: string | null;
}

/**
 * Training completion in figures only, broken down by a choice of group and optionally for one
 * module, with the share of assigned modules completed as the headline.
 */
@Component({
  selector: 'aman-aggregates-tab',
  imports: [TranslocoPipe, ErrorAlert, PercentPipe],
  templateUrl: './aggregates-tab.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AggregatesTab {
  protected readonly language = inject(LanguageStore);
  readonly orgId = input.required<string>();

  protected readonly groupBys = GROUP_BYS;
  protected readonly groupBy = signal<GroupBy>('unit');
  protected readonly moduleSlug = signal('');

  protected readonly completion = httpResource<CompletionRow[]>(() => ({
    url: `${orgPath(this.orgId())}/reports/completion`,
    params: {
      groupBy: this.groupBy(),
      ...(this.moduleSlug() ? { module: this.moduleSlug() } : {}),
      lang: this.language.lang(),
    },
  }));
  /**
   * The modules to filter by, from the same aggregates broken down by module (an auditor has no
   * catalogue of their own): each row is a module, its slug in `groupId`.
   */
  private readonly modules = httpResource<CompletionRow[]>(() => ({
    url: `${orgPath(this.orgId())}/reports/completion`,
    params: { groupBy: 'module', lang: this.language.lang() },
  }));
  protected readonly moduleList = computed(() =>
    this.modules.hasValue()
      ? this.modules
          .value()
          .filter((m) => m.groupId)
          .map((m) => ({ slug: m.groupId as string, title: m.group }))
      : [],
  );
  protected readonly rows = computed<ShownRow[]>(() => {
    if (!this.completion.hasValue()) return [];
    const rows = this.completion.value();
    const names = new Map(
      rows.filter((r) => r.groupId).map((r) => [r.groupId, r.group]),
    );
    return rows.map((row) => ({
      row,
      parent: row.parentId ? (names.get(row.parentId) ?? null) : null,
    }));
  });
  protected readonly hasSuppressed = computed(() =>
    this.rows().some((r) => r.row.suppressed),
  );
  /** Not deployed on this server yet: said plainly rather than as a generic "not found". */
  protected readonly unavailable = computed(
    () => statusOf(this.completion.error()) === 404,
  );
  protected readonly problem = computed(() => {
    const error = this.completion.error();
    return error && !this.unavailable() ? toApiProblem(error) : null;
  });

  protected choose(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    const groupBy = GROUP_BYS.find((g) => g === value);
    if (groupBy) this.groupBy.set(groupBy);
  }

  protected chooseModule(event: Event): void {
    this.moduleSlug.set((event.target as HTMLSelectElement).value);
  }
}
