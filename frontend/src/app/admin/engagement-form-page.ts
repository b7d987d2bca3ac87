import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import {
  AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { ApiProblem, toApiProblem } from '../core/http/api-problem';
import { ErrorAlert } from '../shared/error-alert';
import {
  ValidationMessage,
  validationMessage,
} from '../shared/validation-message';
import { AdminApi } from './admin-api';
import { Organization, Partner, SCOPES, Scope } from './admin-models';
import { EngagementsList } from './engagements-list';

type Field =
  | 'partnerId'
  | 'organizationId'
  | 'periodStart'
  | 'periodEnd'
  | 'scope';

/** Grants a partner read access to one organisation for a period (at both sides' request). */
@Component({
  selector: 'aman-engagement-form-page',
  imports: [ReactiveFormsModule, TranslocoPipe, ErrorAlert, EngagementsList],
  templateUrl: './engagement-form-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EngagementFormPage {
  private readonly api = inject(AdminApi);

  protected readonly scopes = SCOPES;
  protected readonly partners = httpResource<Partner[]>(() => '/api/partners');
  protected readonly organizations = httpResource<Organization[]>(
    () => '/api/organizations',
  );
  protected readonly partnerOptions = computed(() =>
    this.partners.hasValue() ? this.partners.value() : [],
  );
  protected readonly organizationOptions = computed(() =>
    this.organizations.hasValue() ? this.organizations.value() : [],
  );
  protected readonly optionsLoading = computed(
    () => this.partners.isLoading() || this.organizations.isLoading(),
  );
  protected readonly optionsProblem = computed(() => {
    const error = this.partners.error() ?? this.organizations.error();
    return error ? toApiProblem(error) : null;
  });

  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      partnerId: ['', Validators.required],
      organizationId: ['', Validators.required],
      periodStart: ['', Validators.required],
      periodEnd: ['', Validators.required],
      scope: ['aggregate' as Scope, Validators.required],
    },
    { validators: periodInOrder },
  );
  protected readonly submitted = signal(false);
  protected readonly pending = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly created = signal<{
    partner: string;
    organization: string;
  } | null>(null);

  protected error(name: Field): ValidationMessage | null {
    if (!this.submitted()) return null;
    const message = validationMessage(this.form.controls[name]);
    if (message) return message;
    if (name === 'periodEnd' && this.form.hasError('periodOrder')) {
      return { key: 'admin.engagements.periodOrder', params: {} };
    }
    return null;
  }

  protected describedBy(name: Field, hint = false): string | null {
    const ids = [hint ? `engagement-${name}-hint` : null];
    if (this.error(name)) ids.push(`engagement-${name}-error`);
    if (this.problem()) ids.push('engagement-form-error');
    const present = ids.filter((id) => id !== null);
    return present.length ? present.join(' ') : null;
  }

  protected reloadOptions(): void {
    this.partners.reload();
    this.organizations.reload();
  }

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    this.created.set(null);
    if (this.form.invalid || this.pending()) return;
    this.pending.set(true);
    this.problem.set(null);
    const value = this.form.getRawValue();
    try {
      await this.api.createEngagement(value);
      this.created.set({
        partner:
          this.partnerOptions().find((p) => p.id === value.partnerId)?.name ??
          '',
        organization:
          this.organizationOptions().find((o) => o.id === value.organizationId)
            ?.name ?? '',
      });
      this.form.reset();
      this.submitted.set(false);
    } catch (error) {
      this.problem.set(toApiProblem(error));
    } finally {
      this.pending.set(false);
    }
  }
}

function periodInOrder(group: AbstractControl): ValidationErrors | null {
  const start = group.get('periodStart')?.value as string;
  const end = group.get('periodEnd')?.value as string;
  // ISO calendar dates compare correctly as strings.
  return start && end && end < start ? { periodOrder: true } : null;
}
