import { DOCUMENT } from '@angular/common';
import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  ApiProblem,
  fieldErrorsOf,
  toApiProblem,
} from '../core/http/api-problem';
import { LanguageStore } from '../core/session/language-store';
import { SessionStore } from '../core/session/session-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatDatePipe } from '../shared/format-date-pipe';
import { LearnApi } from './learn-api';
import { MyPolicy } from './module-content';

/**
 * One policy or commitment declaration to read and sign. Only the current versions can be signed,
 * and `GET /api/my/policies` lists exactly those.
 */
@Component({
  selector: 'aman-policy-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    TranslocoPipe,
    ErrorAlert,
    FormatDatePipe,
  ],
  templateUrl: './policy-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PolicyPage {
  private readonly api = inject(LearnApi);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);
  protected readonly session = inject(SessionStore);
  protected readonly language = inject(LanguageStore);

  readonly id = input.required<string>();

  protected readonly policies = httpResource<MyPolicy[]>(() => ({
    url: '/api/my/policies',
    params: { lang: this.language.lang() },
  }));
  protected readonly policy = computed(() =>
    this.policies.hasValue()
      ? (this.policies.value().find((d) => d.id === this.id()) ?? null)
      : null,
  );
  protected readonly notCurrent = computed(
    () => this.policies.hasValue() && !this.policy(),
  );
  protected readonly loadProblem = computed(() => {
    const error = this.policies.error();
    return error ? toApiProblem(error) : null;
  });

  protected readonly form = inject(NonNullableFormBuilder).group({
    typedName: ['', Validators.required],
  });
  protected readonly submitted = signal(false);
  protected readonly pending = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly problemTitle = signal<string | null>(null);
  /** The server refused the typed name (it must match the account's name). */
  protected readonly nameRejected = signal(false);
  /** Set when signed here, before the list is loaded again. */
  protected readonly signedNow = signal<string | null>(null);
  protected readonly signedAt = computed(
    () => this.signedNow() ?? this.policy()?.signedAt ?? null,
  );

  protected nameError(): string | null {
    if (this.nameRejected()) return 'learn.policy.nameMismatch';
    if (this.submitted() && !this.typedName()) return 'validation.required';
    return null;
  }

  /** Spaces alone are no name. */
  private typedName(): string {
    return this.form.getRawValue().typedName.trim();
  }

  protected describedBy(): string {
    const ids = ['policy-name-hint'];
    if (this.nameError()) ids.push('policy-name-error');
    if (this.problem()) ids.push('policy-sign-error');
    return ids.join(' ');
  }

  protected async sign(): Promise<void> {
    this.submitted.set(true);
    this.nameRejected.set(false);
    const policy = this.policy();
    const typedName = this.typedName();
    if (!policy || !typedName || this.pending()) return;
    this.pending.set(true);
    this.problem.set(null);
    try {
      const { signedAt } = await this.api.acknowledgePolicy(
        policy.id,
        typedName,
      );
      this.signedNow.set(signedAt);
      afterNextRender(
        () => this.document.getElementById('policy-signed')?.focus(),
        { injector: this.injector },
      );
    } catch (error) {
      const problem = toApiProblem(error);
      const aboutName = fieldErrorsOf(error).some(
        (f) => f.field === 'typedName',
      );
      if (problem.status === 400 && aboutName) this.nameRejected.set(true);
      else {
        this.problem.set(problem);
        this.problemTitle.set(
          problem.status === 409 ? 'learn.policy.newerVersion' : null,
        );
      }
    } finally {
      this.pending.set(false);
    }
  }
}
