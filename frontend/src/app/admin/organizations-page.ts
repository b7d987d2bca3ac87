import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { ApiProblem, problemOf, toApiProblem } from '../core/http/api-problem';
import { LanguageStore } from '../core/session/language-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatDatePipe } from '../shared/format-date-pipe';
import {
  ValidationMessage,
  validationMessage,
} from '../shared/validation-message';
import { AdminApi } from './admin-api';
import { TIME_ZONES, TimeZone, timeZoneLabelKey } from '../shared/time-zones';
import { Organization } from './admin-models';

/** The server's pattern for an organisation code (CreateOrganizationDto): lowercase only. */
export const ORG_CODE = /^[a-z0-9][a-z0-9-]{1,39}$/;

type Field = 'name' | 'code' | 'timeZone' | 'hrEmail' | 'hrName';

@Component({
  selector: 'aman-organizations-page',
  imports: [ReactiveFormsModule, TranslocoPipe, ErrorAlert, FormatDatePipe],
  templateUrl: './organizations-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrganizationsPage {
  private readonly api = inject(AdminApi);
  protected readonly language = inject(LanguageStore);

  protected readonly timeZones = TIME_ZONES;
  protected readonly organizations = httpResource<Organization[]>(
    () => '/api/organizations',
  );
  protected readonly rows = computed(() =>
    this.organizations.hasValue() ? this.organizations.value() : [],
  );
  protected readonly loadProblem = problemOf(this.organizations);

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', Validators.required],
    code: ['', [Validators.required, Validators.pattern(ORG_CODE)]],
    timeZone: ['Asia/Jakarta' as TimeZone, Validators.required],
    hrEmail: ['', [Validators.required, Validators.email]],
    hrName: ['', Validators.required],
  });
  protected readonly submitted = signal(false);
  protected readonly pending = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly created = signal<string | null>(null);

  protected timeZoneLabel(id: string): string | null {
    return timeZoneLabelKey(id);
  }

  protected error(name: Field): ValidationMessage | null {
    if (!this.submitted()) return null;
    const control = this.form.controls[name];
    if (name === 'code' && control.hasError('pattern'))
      return { key: 'onboarding.orgCode.invalid', params: {} };
    return validationMessage(control);
  }

  protected describedBy(name: Field, hint = false): string | null {
    const ids = [
      hint ? `org-${name}-hint` : null,
      this.error(name) ? `org-${name}-error` : null,
    ];
    if (this.problem()) ids.push('org-form-error');
    const present = ids.filter((id) => id !== null);
    return present.length ? present.join(' ') : null;
  }

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    this.created.set(null);
    if (this.form.invalid || this.pending()) return;
    this.pending.set(true);
    this.problem.set(null);
    const value = this.form.getRawValue();
    try {
      await this.api.onboardOrganization({
        name: value.name.trim(),
        code: value.code.trim(),
        timeZone: value.timeZone,
        hrAdmin: {
          email: value.hrEmail.trim(),
          name: value.hrName.trim(),
        },
      });
      this.created.set(value.name.trim());
      this.form.reset();
      this.submitted.set(false);
      this.organizations.reload();
    } catch (error) {
      this.problem.set(toApiProblem(error));
    } finally {
      this.pending.set(false);
    }
  }
}
