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
import { ErrorAlert } from '../shared/error-alert';
import {
  ValidationMessage,
  validationMessage,
} from '../shared/validation-message';
import { AdminApi } from './admin-api';
import { CaseHandlerInvite } from './case-handler-invite';
import { Partner } from './admin-models';

type AuditorField = 'partnerId' | 'email' | 'name';

@Component({
  selector: 'aman-partners-page',
  imports: [ReactiveFormsModule, TranslocoPipe, ErrorAlert, CaseHandlerInvite],
  templateUrl: './partners-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PartnersPage {
  private readonly api = inject(AdminApi);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly partners = httpResource<Partner[]>(() => '/api/partners');
  protected readonly rows = computed(() =>
    this.partners.hasValue() ? this.partners.value() : [],
  );
  protected readonly loadProblem = problemOf(this.partners);

  protected readonly partnerForm = this.fb.group({
    name: ['', Validators.required],
  });
  protected readonly partnerSubmitted = signal(false);
  protected readonly partnerPending = signal(false);
  protected readonly partnerProblem = signal<ApiProblem | null>(null);
  protected readonly partnerCreated = signal<string | null>(null);

  protected readonly auditorForm = this.fb.group({
    partnerId: ['', Validators.required],
    email: ['', [Validators.required, Validators.email]],
    name: ['', Validators.required],
  });
  protected readonly auditorSubmitted = signal(false);
  protected readonly auditorPending = signal(false);
  protected readonly auditorProblem = signal<ApiProblem | null>(null);
  protected readonly auditorAdded = signal<{
    name: string;
    partner: string;
  } | null>(null);

  protected partnerNameError(): ValidationMessage | null {
    return this.partnerSubmitted()
      ? validationMessage(this.partnerForm.controls.name)
      : null;
  }

  protected auditorError(name: AuditorField): ValidationMessage | null {
    return this.auditorSubmitted()
      ? validationMessage(this.auditorForm.controls[name])
      : null;
  }

  protected auditorDescribedBy(name: AuditorField): string | null {
    const ids = [this.auditorError(name) ? `auditor-${name}-error` : null];
    if (this.auditorProblem()) ids.push('auditor-form-error');
    const present = ids.filter((id) => id !== null);
    return present.length ? present.join(' ') : null;
  }

  protected async createPartner(): Promise<void> {
    this.partnerSubmitted.set(true);
    this.partnerCreated.set(null);
    if (this.partnerForm.invalid || this.partnerPending()) return;
    this.partnerPending.set(true);
    this.partnerProblem.set(null);
    const name = this.partnerForm.getRawValue().name.trim();
    try {
      await this.api.createPartner(name);
      this.partnerCreated.set(name);
      this.partnerForm.reset();
      this.partnerSubmitted.set(false);
      this.partners.reload();
    } catch (error) {
      this.partnerProblem.set(toApiProblem(error));
    } finally {
      this.partnerPending.set(false);
    }
  }

  protected async addAuditor(): Promise<void> {
    this.auditorSubmitted.set(true);
    this.auditorAdded.set(null);
    if (this.auditorForm.invalid || this.auditorPending()) return;
    this.auditorPending.set(true);
    this.auditorProblem.set(null);
    const { partnerId, email, name } = this.auditorForm.getRawValue();
    try {
      await this.api.addAuditor(partnerId, {
        email: email.trim(),
        name: name.trim(),
      });
      const partner = this.rows().find((p) => p.id === partnerId)?.name ?? '';
      this.auditorAdded.set({ name: name.trim(), partner });
      this.auditorForm.reset();
      this.auditorSubmitted.set(false);
      this.partners.reload();
    } catch (error) {
      this.auditorProblem.set(toApiProblem(error));
    } finally {
      this.auditorPending.set(false);
    }
  }
}
