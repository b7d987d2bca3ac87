import { DOCUMENT } from '@angular/common';
import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { ApiProblem, problemOf, toApiProblem } from '../core/http/api-problem';
import { Page } from '../core/http/page';
import { LanguageStore } from '../core/session/language-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatDatePipe } from '../shared/format-date-pipe';
import { Pager } from '../shared/pager';
import { CertificatesBulkDownload } from './certificates-bulk-download';
import { HrApi } from './hr-api';
import {
  CERTIFICATE_STATUSES,
  CertificateStatus,
  HR_PAGE_SIZE,
  IssuedCertificate,
  certificateStatus,
} from './hr-models';

/** Certificates issued in the organisation, how often each was verified, and revocation. */
@Component({
  selector: 'aman-certificates-page',
  imports: [
    ReactiveFormsModule,
    TranslocoPipe,
    ErrorAlert,
    FormatDatePipe,
    Pager,
    CertificatesBulkDownload,
  ],
  templateUrl: './certificates-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CertificatesPage {
  private readonly api = inject(HrApi);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  protected readonly language = inject(LanguageStore);

  protected readonly statuses = CERTIFICATE_STATUSES;
  protected readonly pageSize = HR_PAGE_SIZE;
  protected readonly page = signal(1);
  protected readonly query = signal('');
  protected readonly status = signal<CertificateStatus | ''>('');
  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly statusFilter = new FormControl<CertificateStatus | ''>(
    '',
    { nonNullable: true },
  );

  protected readonly certificates = httpResource<Page<IssuedCertificate>>(
    () => ({
      url: '/api/certificates',
      params: {
        page: this.page(),
        pageSize: HR_PAGE_SIZE,
        ...(this.query() ? { q: this.query() } : {}),
        ...(this.status() ? { status: this.status() } : {}),
      },
    }),
  );
  protected readonly rows = computed(() =>
    this.certificates.hasValue() ? this.certificates.value().items : [],
  );
  protected readonly total = computed(() =>
    this.certificates.hasValue() ? this.certificates.value().total : 0,
  );
  protected readonly loadProblem = problemOf(this.certificates);

  /** The certificate the confirmation dialog is about. */
  protected readonly revoking = signal<IssuedCertificate | null>(null);
  protected readonly reason = new FormControl('', {
    nonNullable: true,
    validators: Validators.required,
  });
  protected readonly reasonSubmitted = signal(false);
  protected readonly revokePending = signal(false);
  protected readonly revokeProblem = signal<ApiProblem | null>(null);
  protected readonly revoked = signal<string | null>(null);
  private readonly dialog =
    viewChild.required<ElementRef<HTMLDialogElement>>('revokeDialog');

  protected statusOf(certificate: IssuedCertificate): CertificateStatus {
    return certificateStatus(certificate);
  }

  protected pdfUrl(serial: string): string {
    return `/api/certificates/${encodeURIComponent(serial)}/pdf`;
  }

  protected applyFilters(event?: Event): void {
    event?.preventDefault();
    this.query.set(this.search.value.trim());
    this.status.set(this.statusFilter.value);
    this.page.set(1);
  }

  protected reasonInvalid(): boolean {
    return this.reasonSubmitted() && this.reason.invalid;
  }

  protected openRevoke(certificate: IssuedCertificate): void {
    this.revoking.set(certificate);
    this.revoked.set(null);
    this.reason.reset();
    this.reasonSubmitted.set(false);
    this.revokeProblem.set(null);
    // Opened once its content is rendered, so that the reason field can take the focus.
    afterNextRender(
      () => {
        this.dialog().nativeElement.showModal();
        this.document.getElementById('revoke-reason')?.focus();
      },
      { injector: this.injector },
    );
  }

  protected closeRevoke(): void {
    this.dialog().nativeElement.close();
  }

  /** Esc, Cancel or done: the dialog is closed; focus returns to where it was (the browser's job). */
  protected dialogClosed(): void {
    this.revoking.set(null);
  }

  protected async confirmRevoke(event?: Event): Promise<void> {
    event?.preventDefault();
    this.reasonSubmitted.set(true);
    const certificate = this.revoking();
    if (!certificate || this.reason.invalid || this.revokePending()) return;
    this.revokePending.set(true);
    this.revokeProblem.set(null);
    try {
      await this.api.revokeCertificate(
        certificate.serial,
        this.reason.value.trim(),
      );
      this.revoked.set(certificate.serial);
      this.closeRevoke();
      this.certificates.reload();
      // The row's Revoke button is gone: the outcome is where reading continues.
      afterNextRender(
        () => this.document.getElementById('certificates-revoked')?.focus(),
        { injector: this.injector },
      );
    } catch (error) {
      this.revokeProblem.set(toApiProblem(error));
    } finally {
      this.revokePending.set(false);
    }
  }
}
