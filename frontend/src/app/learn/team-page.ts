import { HttpClient, HttpErrorResponse, httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { ApiProblem, toApiProblem } from '../core/http/api-problem';
import { LanguageStore } from '../core/session/language-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatDatePipe } from '../shared/format-date-pipe';
import { Pager } from '../shared/pager';
import { AssignmentStatus } from './assignment';
import { StatusBadge } from './status-badge';
import {
  CatalogModule,
  TEAM_PAGE_SIZE,
  TEAM_STATUSES,
  Team,
  TeamPerson,
  TeamUnit,
} from './team-models';

interface Filters {
  module: string;
  status: AssignmentStatus | '';
  unitId: string;
}

/** A leader's team: who in their unit and below has done what, with a reminder per person. */
@Component({
  selector: 'aman-team-page',
  imports: [
    ReactiveFormsModule,
    TranslocoPipe,
    ErrorAlert,
    FormatDatePipe,
    Pager,
    StatusBadge,
  ],
  templateUrl: './team-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TeamPage {
  private readonly http = inject(HttpClient);
  protected readonly language = inject(LanguageStore);

  protected readonly statuses = TEAM_STATUSES;
  protected readonly pageSize = TEAM_PAGE_SIZE;
  protected readonly page = signal(1);
  protected readonly moduleFilter = new FormControl('', { nonNullable: true });
  protected readonly statusFilter = new FormControl<AssignmentStatus | ''>('', {
    nonNullable: true,
  });
  protected readonly unitFilter = new FormControl('', { nonNullable: true });
  /** The filters as applied (the form may hold changes not yet submitted). */
  protected readonly filters = signal<Filters>({
    module: '',
    status: '',
    unitId: '',
  });
  protected readonly filtered = computed(() => {
    const f = this.filters();
    return !!(f.module || f.status || f.unitId);
  });

  protected readonly team = httpResource<Team>(() => {
    const f = this.filters();
    return {
      url: '/api/my/team',
      params: {
        lang: this.language.lang(),
        page: this.page(),
        pageSize: TEAM_PAGE_SIZE,
        ...(f.module ? { module: f.module } : {}),
        ...(f.status ? { status: f.status } : {}),
        ...(f.unitId ? { unitId: f.unitId } : {}),
      },
    };
  });
  protected readonly modules = httpResource<CatalogModule[]>(() => ({
    url: '/api/modules',
    params: { lang: this.language.lang() },
  }));

  /** Kept from the first answer, so the unit list does not empty while a filtered page loads. */
  private readonly knownUnits = signal<TeamUnit[]>([]);
  protected readonly units = computed(() => {
    const loaded = this.team.hasValue() ? this.team.value().units : [];
    return loaded.length ? loaded : this.knownUnits();
  });
  protected readonly people = computed<TeamPerson[]>(() =>
    this.team.hasValue() ? this.team.value().people : [],
  );
  protected readonly total = computed(() =>
    this.team.hasValue() ? this.team.value().total : 0,
  );
  protected readonly notLeader = computed(() => {
    const error = this.team.error();
    return error instanceof HttpErrorResponse && error.status === 403;
  });
  protected readonly loadProblem = computed(() => {
    const error = this.team.error();
    return error && !this.notLeader() ? toApiProblem(error) : null;
  });

  /** The person whose reminder is being sent. */
  protected readonly sending = signal<string | null>(null);
  protected readonly reminded = signal<string | null>(null);
  protected readonly remindProblem = signal<ApiProblem | null>(null);
  /** People reminded in this visit, so their button turns off before the list reloads. */
  private readonly remindedNow = signal<ReadonlySet<string>>(new Set());

  protected remindedToday(person: TeamPerson): boolean {
    return person.remindedToday || this.remindedNow().has(person.id);
  }

  protected applyFilters(event?: Event): void {
    event?.preventDefault();
    if (this.team.hasValue() && this.team.value().units.length)
      this.knownUnits.set(this.team.value().units);
    this.filters.set({
      module: this.moduleFilter.value,
      status: this.statusFilter.value,
      unitId: this.unitFilter.value,
    });
    this.page.set(1);
  }

  protected clearFilters(): void {
    this.moduleFilter.setValue('');
    this.statusFilter.setValue('');
    this.unitFilter.setValue('');
    this.applyFilters();
  }

  protected async remind(person: TeamPerson): Promise<void> {
    this.sending.set(person.id);
    this.reminded.set(null);
    this.remindProblem.set(null);
    try {
      await firstValueFrom(
        this.http.post(
          `/api/my/team/${encodeURIComponent(person.id)}/reminders`,
          {},
        ),
      );
      this.reminded.set(person.name);
      this.remindedNow.update((ids) => new Set([...ids, person.id]));
    } catch (error) {
      this.remindProblem.set(toApiProblem(error));
      // 429: already reminded today (perhaps from another tab): say so on the row too.
      if (error instanceof HttpErrorResponse && error.status === 429)
        this.remindedNow.update((ids) => new Set([...ids, person.id]));
    } finally {
      this.sending.set(null);
    }
  }
}
