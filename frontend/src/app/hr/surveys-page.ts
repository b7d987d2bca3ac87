import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { ApiProblem, FieldError, fieldErrorsOf, problemOf, toApiProblem } from '../core/http/api-problem';
import { LanguageStore } from '../core/session/language-store';
import { SessionStore } from '../core/session/session-store';
import { ErrorAlert } from '../shared/error-alert';
import { HrApi } from './hr-api';

interface Wave {
  id: string;
  title: string;
  audience: 'everyone' | 'leaders' | 'staff';
  opensOn: string;
  closesOn: string;
  open: boolean;
  closed: boolean;
  responses: number;
  participants: number;
}

interface Results {
  responses: number | null;
  suppressed: boolean;
  k: number;
  groups: { group: string; groupId?: string; responses: number | null; suppressed: boolean }[];
  questions: {
    id: string;
    text: string;
    options: { id: string; text: string }[];
    overall: { counts: Record<string, number> | null; suppressed: boolean };
    groups: { group: string; counts: Record<string, number> | null; suppressed: boolean }[];
  }[];
  freeText: { questionId: string; text: string; answers: string[] | null; suppressed: boolean }[];
}

/** HR opens survey waves and reads their results, with small groups hidden by the server. */
@Component({
  selector: 'aman-surveys-page',
  imports: [TranslocoPipe, ErrorAlert],
  templateUrl: './surveys-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SurveysPage {
  private readonly api = inject(HrApi);
  private readonly session = inject(SessionStore);
  protected readonly language = inject(LanguageStore);
  private readonly orgId = computed(() => this.session.user()?.organizationId ?? '');

  protected readonly questionnaires = httpResource<{ slug: string; title: string }[]>(() => ({
    url: '/api/surveys/questionnaires',
    params: { lang: this.language.lang() },
  }));
  protected readonly waves = httpResource<Wave[]>(() =>
    this.orgId() ? { url: `/api/organizations/${encodeURIComponent(this.orgId())}/survey-waves`, params: { lang: this.language.lang() } } : undefined,
  );
  // value() throws while a resource is in error, so the template reads these instead.
  protected readonly questionnaireList = computed(() => (this.questionnaires.hasValue() ? this.questionnaires.value() : []));
  protected readonly waveList = computed(() => (this.waves.hasValue() ? this.waves.value() : []));
  private readonly questionnairesProblem = problemOf(this.questionnaires);
  protected readonly wavesProblem = problemOf(this.waves);
  protected readonly loadProblem = computed(() => this.questionnairesProblem() ?? this.wavesProblem());
  protected readonly selected = signal<string | null>(null);
  protected readonly groupBy = signal<'' | 'unit' | 'role' | 'gender'>('');
  protected readonly results = httpResource<Results>(() => {
    const id = this.selected();
    if (!id) return undefined;
    const params: Record<string, string> = { lang: this.language.lang() };
    if (this.groupBy()) params['groupBy'] = this.groupBy();
    return { url: `/api/surveys/${encodeURIComponent(id)}/results`, params };
  });
  protected readonly result = computed(() => (this.results.hasValue() ? this.results.value() : null));
  protected readonly resultsProblem = problemOf(this.results);

  protected readonly form = signal({ questionnaire: '', audience: 'everyone', opensOn: '', closesOn: '' });
  protected readonly sending = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly opened = signal(false);

  protected readonly fieldErrors = signal<FieldError[]>([]);

  protected invalid(field: string): boolean {
    return this.fieldErrors().some((f) => f.field === field);
  }

  protected set(field: 'questionnaire' | 'audience' | 'opensOn' | 'closesOn', event: Event): void {
    const value = (event.target as HTMLInputElement | HTMLSelectElement).value;
    this.form.update((f) => ({ ...f, [field]: value }));
  }

  protected setGroupBy(event: Event): void {
    this.groupBy.set((event.target as HTMLSelectElement).value as '' | 'unit' | 'role' | 'gender');
  }

  protected async open(event: Event): Promise<void> {
    event.preventDefault();
    if (this.sending()) return;
    this.sending.set(true);
    this.problem.set(null);
    this.fieldErrors.set([]);
    this.opened.set(false);
    try {
      const f = this.form();
      await this.api.openSurveyWave({ ...f, questionnaire: f.questionnaire || this.questionnaireList()[0]?.slug });
      this.opened.set(true);
      this.waves.reload();
    } catch (error) {
      this.problem.set(toApiProblem(error));
      this.fieldErrors.set(fieldErrorsOf(error));
    } finally {
      this.sending.set(false);
    }
  }

  protected count(counts: Record<string, number> | null, option: string): string {
    return counts ? String(counts[option] ?? 0) : '–';
  }
}
