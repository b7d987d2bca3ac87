import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { ActivatedRoute, ParamMap, Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { map } from 'rxjs';
import { ApiProblem, problemOf, toApiProblem } from '../core/http/api-problem';
import { Page } from '../core/http/page';
import { LanguageStore } from '../core/session/language-store';
import { SessionStore } from '../core/session/session-store';
import { ErrorAlert } from '../shared/error-alert';
import { Pager } from '../shared/pager';
import { AssignModuleFields } from './assign-module-fields';
import { HrApi, ManualAssignResult, RemindersResult } from './hr-api';
import {
  HR_PAGE_SIZE,
  PERSON_STATUSES,
  Person,
  PersonStatus,
  TRAINING_STATUSES,
  TrainingStatus,
  Unit,
  indentedName,
  unitOptions,
} from './hr-models';
import { CatalogModule } from './rule-models';
import { SignInState } from './sign-in-state';

const KNOWN_STATUSES = ['active', 'invited', 'disabled'];
const KNOWN_EMPLOYMENT = ['permanent', 'contract', 'intern', 'volunteer'];

type Position = '' | 'leaders' | 'staff';

/** The list's filters, as they stand in the URL (`?q=&unitId=&position=&status=&training=&page=`). */
interface Filters {
  q: string;
  unitId: string;
  position: Position;
  status: PersonStatus;
  training: TrainingStatus | '';
  page: number;
}

function filtersOf(params: ParamMap): Filters {
  const position = params.get('position');
  const status = params.get('status');
  const training = params.get('training');
  const page = Number(params.get('page'));
  return {
    q: params.get('q')?.trim() ?? '',
    unitId: params.get('unitId') ?? '',
    position: position === 'leaders' || position === 'staff' ? position : '',
    status: (PERSON_STATUSES as readonly string[]).includes(status ?? '')
      ? (status as PersonStatus)
      : 'active',
    training: (TRAINING_STATUSES as readonly string[]).includes(training ?? '')
      ? (training as TrainingStatus)
      : '',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

@Component({
  selector: 'aman-people-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    TranslocoPipe,
    ErrorAlert,
    Pager,
    SignInState,
    AssignModuleFields,
  ],
  templateUrl: './people-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PeoplePage {
  private readonly api = inject(HrApi);
  private readonly session = inject(SessionStore);
  private readonly language = inject(LanguageStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly pageSize = HR_PAGE_SIZE;
  /** The applied filters come from the URL, so a search can be bookmarked, shared and gone back to. */
  protected readonly filters = toSignal(
    this.route.queryParamMap.pipe(map(filtersOf)),
    { initialValue: filtersOf(this.route.snapshot.queryParamMap) },
  );
  protected readonly page = computed(() => this.filters().page);
  protected readonly query = computed(() => this.filters().q);
  protected readonly search = new FormControl(this.filters().q, {
    nonNullable: true,
  });
  protected readonly unitFilter = new FormControl(this.filters().unitId, {
    nonNullable: true,
  });
  protected readonly positionFilter = new FormControl<Position>(
    this.filters().position,
    { nonNullable: true },
  );
  protected readonly statusFilter = new FormControl<PersonStatus>(
    this.filters().status,
    { nonNullable: true },
  );
  protected readonly trainingFilter = new FormControl<TrainingStatus | ''>(
    this.filters().training,
    { nonNullable: true },
  );
  protected readonly statuses = PERSON_STATUSES;
  protected readonly trainingStatuses = TRAINING_STATUSES;
  protected readonly filtered = computed(() => {
    const f = this.filters();
    return !!(
      f.q ||
      f.unitId ||
      f.position ||
      f.status !== 'active' ||
      f.training
    );
  });

  protected readonly units = httpResource<Unit[]>(() => '/api/units');
  protected readonly unitChoices = computed(() =>
    this.units.hasValue() ? unitOptions(this.units.value()) : [],
  );
  protected readonly unitsProblem = problemOf(this.units);
  protected readonly indented = indentedName;
  protected readonly modules = httpResource<CatalogModule[]>(() => ({
    url: '/api/modules',
    params: { lang: this.language.lang() },
  }));

  protected readonly people = httpResource<Page<Person>>(() => {
    const f = this.filters();
    return {
      url: '/api/users',
      params: {
        page: f.page,
        pageSize: HR_PAGE_SIZE,
        status: f.status,
        ...(f.q ? { q: f.q } : {}),
        ...(f.unitId ? { unitId: f.unitId } : {}),
        ...(f.position ? { isLeader: f.position === 'leaders' } : {}),
        ...(f.training ? { training: f.training } : {}),
      },
    };
  });
  protected readonly rows = computed(() =>
    this.people.hasValue() ? this.people.value().items : [],
  );
  protected readonly total = computed(() =>
    this.people.hasValue() ? this.people.value().total : 0,
  );
  protected readonly loadProblem = problemOf(this.people);

  /** People ticked on this page (the selection ends when the page or filters change). */
  protected readonly selected = signal<ReadonlySet<string>>(new Set());
  protected readonly selectedRows = computed(() =>
    this.rows().filter((p) => this.selected().has(p.id)),
  );
  protected readonly allSelected = computed(
    () =>
      this.rows().length > 0 &&
      this.rows().every((p) => this.selected().has(p.id)),
  );
  protected readonly acting = signal(false);
  protected readonly actionProblem = signal<ApiProblem | null>(null);
  protected readonly reminded = signal<RemindersResult | null>(null);
  protected readonly assigned = signal<ManualAssignResult | null>(null);
  protected readonly assignModule = new FormControl('', { nonNullable: true });
  protected readonly assignDueOn = new FormControl('', { nonNullable: true });
  protected readonly assignTried = signal(false);
  private readonly assignDialog =
    viewChild<ElementRef<HTMLDialogElement>>('assignDialog');

  /** A filter the server can remind by itself: people with training open in the unit. */
  protected readonly remindableFilter = computed(() => {
    const f = this.filters();
    return f.status === 'active' &&
      !f.q &&
      !f.position &&
      (f.training === 'overdue' || f.training === 'in_progress')
      ? f
      : null;
  });

  protected isSelf(person: Person): boolean {
    return person.id === this.session.user()?.id;
  }

  protected statusKey(status: string): string | null {
    if (status === 'deactivated') return 'hr.person.status.deactivated';
    return KNOWN_STATUSES.includes(status)
      ? `hr.people.status.${status}`
      : null;
  }

  protected employmentKey(type: string): string | null {
    return KNOWN_EMPLOYMENT.includes(type) ? `hr.employmentType.${type}` : null;
  }

  /** The per-person export (CSV or XLSX) of the applied unit filter, in the reader's language. */
  protected exportUrl(format: 'csv' | 'xlsx'): string {
    const params = new URLSearchParams({ lang: this.language.lang() });
    const f = this.filters();
    if (f.unitId) params.set('unitId', f.unitId);
    return `/api/reports/people.${format}?${params.toString()}`;
  }

  protected submitSearch(event?: Event): void {
    event?.preventDefault();
    this.go({
      q: this.search.value.trim(),
      unitId: this.unitFilter.value,
      position: this.positionFilter.value,
      status: this.statusFilter.value,
      training: this.trainingFilter.value,
      page: 1,
    });
  }

  protected clearSearch(): void {
    this.search.setValue('');
    this.unitFilter.setValue('');
    this.positionFilter.setValue('');
    this.statusFilter.setValue('active');
    this.trainingFilter.setValue('');
    this.submitSearch();
  }

  protected goToPage(page: number): void {
    this.go({ ...this.filters(), page });
  }

  protected toggle(person: Person, event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    this.selected.update((ids) => {
      const next = new Set(ids);
      if (checked) next.add(person.id);
      else next.delete(person.id);
      return next;
    });
  }

  protected toggleAll(event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    this.selected.set(
      checked ? new Set(this.rows().map((p) => p.id)) : new Set(),
    );
  }

  /** "Send a reminder now" to the ticked people, or to everyone the filter names. */
  protected async remind(scope: 'selected' | 'filter'): Promise<void> {
    if (this.acting()) return;
    const f = this.remindableFilter();
    const body =
      scope === 'selected'
        ? { userIds: [...this.selected()] }
        : {
            ...(f?.unitId ? { unitId: f.unitId } : {}),
            ...(f?.training === 'overdue' ? { status: 'overdue' as const } : {}),
          };
    await this.act(async () => {
      this.reminded.set(await this.api.sendReminders(body));
    });
  }

  protected openAssign(): void {
    this.assignTried.set(false);
    this.actionProblem.set(null);
    this.assignDialog()?.nativeElement.showModal();
  }

  protected closeAssign(): void {
    this.assignDialog()?.nativeElement.close();
  }

  protected async assign(event?: Event): Promise<void> {
    event?.preventDefault();
    this.assignTried.set(true);
    if (!this.assignModule.value || !this.assignDueOn.value) return;
    await this.act(async () => {
      this.assigned.set(
        await this.api.assignModule(
          this.assignModule.value,
          [...this.selected()],
          this.assignDueOn.value,
        ),
      );
      this.closeAssign();
      this.people.reload();
    });
  }

  private async act(work: () => Promise<void>): Promise<void> {
    this.acting.set(true);
    this.actionProblem.set(null);
    this.reminded.set(null);
    this.assigned.set(null);
    try {
      await work();
    } catch (error) {
      this.actionProblem.set(toApiProblem(error));
    } finally {
      this.acting.set(false);
    }
  }

  private go(f: Filters): void {
    this.selected.set(new Set());
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: {
        q: f.q || null,
        unitId: f.unitId || null,
        position: f.position || null,
        status: f.status === 'active' ? null : f.status,
        training: f.training || null,
        page: f.page > 1 ? f.page : null,
      },
    });
  }
}
