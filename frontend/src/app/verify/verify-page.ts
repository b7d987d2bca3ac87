import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { statusOf, toApiProblem } from '../core/http/api-problem';
import { LanguageStore } from '../core/session/language-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatDatePipe } from '../shared/format-date-pipe';
import { Verification } from './verification';

@Component({
  selector: 'aman-verify-page',
  imports: [ReactiveFormsModule, TranslocoPipe, ErrorAlert, FormatDatePipe],
  templateUrl: './verify-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VerifyPage {
  private readonly router = inject(Router);
  protected readonly language = inject(LanguageStore);

  /** From the address (the QR code on the certificate leads here); absent: just the form. */
  readonly serial = input<string>();

  protected readonly check = httpResource<Verification>(() => {
    const serial = this.serial()?.trim();
    return serial
      ? {
          url: `/api/verify/${encodeURIComponent(serial)}`,
          params: { lang: this.language.lang() },
        }
      : undefined;
  });
  protected readonly verification = computed(() =>
    this.check.hasValue() ? this.check.value() : null,
  );
  private readonly errorStatus = computed(() => statusOf(this.check.error()));
  protected readonly notFound = computed(() => this.errorStatus() === 404);
  protected readonly tooMany = computed(() => this.errorStatus() === 429);
  protected readonly problem = computed(() => {
    const error = this.check.error();
    return error && !this.notFound() && !this.tooMany()
      ? toApiProblem(error)
      : null;
  });

  protected readonly serialInput = new FormControl('', { nonNullable: true });
  protected readonly emptySubmit = signal(false);

  constructor() {
    effect(() => this.serialInput.setValue(this.serial() ?? ''));
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    const serial = this.serialInput.value.trim().toUpperCase();
    this.emptySubmit.set(!serial);
    if (!serial) return;
    if (serial === this.serial()) this.check.reload();
    else await this.router.navigate(['/verify', serial]);
  }
}
