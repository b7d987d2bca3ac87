import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { ApiProblem, toApiProblem } from '../core/http/api-problem';
import { Page } from '../core/http/page';
import { LanguageStore } from '../core/session/language-store';
import { SessionStore } from '../core/session/session-store';
import { ErrorAlert } from '../shared/error-alert';
import { Pager } from '../shared/pager';
import { HrApi } from './hr-api';
import {
  HR_PAGE_SIZE,
  PERSON_STATUSES,
  Person,
  PersonStatus,
  Unit,
  indentedName,
  unitOptions,
} from './hr-models';
import { SignInState } from './sign-in-state';

const KNOWN_STATUSES = ['active', 'invited', 'disabled'];
const KNOWN_EMPLOYMENT = ['permanent', 'contract', 'intern', 'volunteer'];

type Position = '' | 'leaders' | 'staff';

@Component({
  selector: 'aman-people-page',
  imports: [ReactiveFormsModule, RouterLink, TranslocoPipe, ErrorAlert, Pager, SignInState],
  templateUrl: './people-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PeoplePage {
  private readonly api = inject(HrApi);
  private readonly session = inject(SessionStore);
  private readonly language = inject(LanguageStore);

  protected readonly pageSize = HR_PAGE_SIZE;
  protected readonly page = signal(1);
  protected readonly query = signal('');
  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly unitFilter = new FormControl('', { nonNullable: true });
  protected readonly positionFilter = new FormControl<Position>('', {
    nonNullable: true,
  });
  protected readonly statusFilter = new FormControl<PersonStatus>('active', {
    nonNullable: true,
  });
  protected readonly statuses = PERSON_STATUSES;
  /** The filters as applied (the form may hold changes not yet submitted). */
  protected readonly filters = signal<{
    unitId: string;
    position: Position;
    status: PersonStatus;
  }>({ unitId: '', position: '', status: 'active' });
  protected readonly filtered = computed(() => {
    const f = this.filters();
    return !!(this.query() || f.unitId || f.position || f.status !== 'active');
  });

  protected readonly units = httpResource<Unit[]>(() => '/api/units');
  protected readonly unitChoices = computed(() =>
    this.units.hasValue() ? unitOptions(this.units.value()) : [],
  );
  protected readonly unitsProblem = computed(() => {
    const error = this.units.error();
    return error ? toApiProblem(error) : null;
  });
  protected readonly indented = indentedName;

  protected readonly people = httpResource<Page<Person>>(() => {
    const f = this.filters();
    return {
      url: '/api/users',
      params: {
        page: this.page(),
        pageSize: HR_PAGE_SIZE,
        status: f.status,
        ...(this.query() ? { q: this.query() } : {}),
        ...(f.unitId ? { unitId: f.unitId } : {}),
        ...(f.position ? { isLeader: f.position === 'leaders' } : {}),
      },
    };
  });
  protected readonly rows = computed(() =>
    this.people.hasValue() ? this.people.value().items : [],
  );
  protected readonly total = computed(() =>
    this.people.hasValue() ? this.people.value().total : 0,
  );
  protected readonly loadProblem = computed(() => {
    const error = this.people.error();
    return error ? toApiProblem(error) : null;
  });

  /** The per-person export (CSV or XLSX) of the applied unit filter, in the reader's language. */
  protected exportUrl(format: 'csv' | 'xlsx'): string {
    const params = new URLSearchParams({ lang: this.language.lang() });
    const f = this.filters();
    if (f.unitId) params.set('unitId', f.unitId);
    return `/api/reports/people.${format}?${params.toString()}`;
  }

  /** The person whose roles are being changed, while the request runs. */
  protected readonly changing = signal<string | null>(null);
  protected readonly roleProblem = signal<ApiProblem | null>(null);
  protected readonly roleChanged = signal<{
    name: string;
    isHr: boolean;
  } | null>(null);

  protected isHr(person: Person): boolean {
    return person.roles.includes('hr_admin');
  }

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

  protected submitSearch(event?: Event): void {
    event?.preventDefault();
    this.query.set(this.search.value.trim());
    this.filters.set({
      unitId: this.unitFilter.value,
      position: this.positionFilter.value,
      status: this.statusFilter.value,
    });
    this.page.set(1);
  }

  protected clearSearch(): void {
    this.search.setValue('');
    this.unitFilter.setValue('');
    this.positionFilter.setValue('');
    this.statusFilter.setValue('active');
    this.submitSearch();
  }

  protected async toggleHr(person: Person): Promise<void> {
    const makeHr = !this.isHr(person);
    this.changing.set(person.id);
    this.roleProblem.set(null);
    this.roleChanged.set(null);
    try {
      await this.api.setHrAdmin(person.id, makeHr);
      this.roleChanged.set({ name: person.name, isHr: makeHr });
      this.people.reload();
    } catch (error) {
      this.roleProblem.set(toApiProblem(error));
    } finally {
      this.changing.set(null);
    }
  }
}
