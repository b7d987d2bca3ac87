import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  computed,
  inject,
  signal,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { ApiProblem, problemOf, toApiProblem } from '../core/http/api-problem';
import { Page } from '../core/http/page';
import { ErrorAlert } from '../shared/error-alert';
import { HrApi } from './hr-api';
import { Person } from './hr-models';

interface SatgasMember {
  id: string;
  name: string;
  hasKey: boolean;
}

/**
 * HR's side of the confidential channel: its address and poster, and who is the Satgas. HR never
 * sees a report; designating someone makes them a recipient reporters may choose.
 */
@Component({
  selector: 'aman-hr-report-channel',
  imports: [TranslocoPipe, ErrorAlert],
  templateUrl: './report-channel-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportChannelPage {
  private readonly api = inject(HrApi);
  private readonly origin = inject(DOCUMENT).location.origin;

  private readonly organizations = httpResource<{ code: string }[]>(
    () => '/api/organizations',
  );
  protected readonly channelUrl = computed(() => {
    const code = this.organizations.hasValue()
      ? this.organizations.value()[0]?.code
      : null;
    return code ? `${this.origin}/report/${encodeURIComponent(code)}` : null;
  });

  private readonly current = httpResource<SatgasMember[]>(
    () => '/api/satgas-members',
  );
  /** The list being edited; null until the saved one has loaded. */
  private readonly edited = signal<SatgasMember[] | null>(null);
  protected readonly members = computed(
    () => this.edited() ?? (this.current.hasValue() ? this.current.value() : []),
  );
  /** Saving replaces the whole list, so never save one built on a list that did not load. */
  protected readonly canSave = computed(
    () => this.edited() !== null && this.current.hasValue(),
  );

  protected readonly query = signal('');
  private readonly searched = signal('');
  protected readonly results = httpResource<Page<Person>>(() => {
    const q = this.searched();
    return q
      ? { url: '/api/users', params: { q, status: 'active', pageSize: 10, page: 1 } }
      : undefined;
  });
  protected readonly candidates = computed(() => {
    const chosen = new Set(this.members().map((m) => m.id));
    return this.results.hasValue()
      ? this.results.value().items.filter((p) => !chosen.has(p.id))
      : [];
  });

  protected readonly loadProblem = computed(
    () =>
      this.membersProblem() ?? this.searchProblem() ?? this.channelProblem(),
  );
  private readonly membersProblem = problemOf(this.current);
  private readonly searchProblem = problemOf(this.results);
  private readonly channelProblem = problemOf(this.organizations);

  protected readonly saving = signal(false);
  protected readonly saved = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);

  protected setQuery(event: Event): void {
    this.query.set((event.target as HTMLInputElement).value);
  }

  protected search(event: Event): void {
    event.preventDefault();
    this.searched.set(this.query().trim());
  }

  protected add(person: Person): void {
    this.edited.set([...this.members(), { id: person.id, name: person.name, hasKey: false }]);
    this.saved.set(false);
  }

  protected remove(member: SatgasMember): void {
    this.edited.set(this.members().filter((m) => m.id !== member.id));
    this.saved.set(false);
  }

  protected async save(): Promise<void> {
    if (this.saving() || !this.canSave()) return;
    this.saving.set(true);
    this.problem.set(null);
    try {
      await this.api.saveSatgasMembers(this.members().map((m) => m.id));
      this.edited.set(null);
      this.saved.set(true);
      this.current.reload();
    } catch (error) {
      this.problem.set(toApiProblem(error));
    } finally {
      this.saving.set(false);
    }
  }
}
