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
  input,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { ApiProblem, problemOf, toApiProblem } from '../core/http/api-problem';
import { LanguageStore } from '../core/session/language-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatDatePipe } from '../shared/format-date-pipe';
import { AuditApi, orgPath } from '../core/audit/audit-api';
import { AuditReport, Finding, isOverdue } from '../core/audit/audit-models';

/**
 * Auditors' findings as HR sees them: respond with a corrective action, then propose closing it;
 * the auditors close or reopen it (API.md Auditors → Findings).
 */
@Component({
  selector: 'aman-audit-findings',
  imports: [ReactiveFormsModule, TranslocoPipe, ErrorAlert, FormatDatePipe],
  templateUrl: './audit-findings.html',
  styleUrl: '../core/audit/audit.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditFindings {
  private readonly api = inject(AuditApi);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  protected readonly language = inject(LanguageStore);
  readonly orgId = input.required<string>();

  protected readonly findings = httpResource<Finding[]>(
    () => `${orgPath(this.orgId())}/findings`,
  );
  protected readonly rows = computed(() =>
    this.findings.hasValue() ? this.findings.value() : [],
  );
  protected readonly loadProblem = problemOf(this.findings);
  private readonly reports = httpResource<AuditReport[]>(
    () => `${orgPath(this.orgId())}/audit-reports`,
  );
  private readonly reportsById = computed(
    () =>
      new Map(
        (this.reports.hasValue() ? this.reports.value() : []).map((r) => [
          r.id,
          r,
        ]),
      ),
  );

  /** What the last action did, for the status line. */
  protected readonly done = signal<{ key: string } | null>(null);
  protected readonly proposePending = signal<string | null>(null);
  /** Why proposing closure failed, shown on that finding's card. */
  private readonly proposeFailure = signal<{
    id: string;
    problem: ApiProblem;
  } | null>(null);

  /** The finding the response dialog is about. */
  protected readonly responding = signal<Finding | null>(null);
  protected readonly action = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.maxLength(4000)],
  });
  protected readonly actionSubmitted = signal(false);
  protected readonly respondPending = signal(false);
  protected readonly respondProblem = signal<ApiProblem | null>(null);
  private readonly dialog =
    viewChild.required<ElementRef<HTMLDialogElement>>('respondDialog');

  protected reportOf(finding: Finding): AuditReport | null {
    return this.reportsById().get(finding.reportId) ?? null;
  }

  protected proposeProblemFor(finding: Finding): ApiProblem | null {
    const failure = this.proposeFailure();
    return failure?.id === finding.id ? failure.problem : null;
  }

  /** Responding is possible until closure is proposed; after a reopening, again. */
  protected canRespond(finding: Finding): boolean {
    return finding.status === 'open' || finding.status === 'responded';
  }

  protected overdue(finding: Finding): boolean {
    return isOverdue(finding);
  }

  protected actionInvalid(): boolean {
    return this.actionSubmitted() && this.action.invalid;
  }

  protected openRespond(finding: Finding): void {
    this.responding.set(finding);
    this.done.set(null);
    this.proposeFailure.set(null);
    this.action.reset(finding.correctiveAction ?? '');
    this.actionSubmitted.set(false);
    this.respondProblem.set(null);
    // Opened once its content is rendered, so that the text field can take the focus.
    afterNextRender(
      () => {
        this.dialog().nativeElement.showModal();
        this.document.getElementById('respond-action')?.focus();
      },
      { injector: this.injector },
    );
  }

  protected closeRespond(): void {
    this.dialog().nativeElement.close();
  }

  protected dialogClosed(): void {
    this.responding.set(null);
  }

  protected async respond(event: Event): Promise<void> {
    event.preventDefault();
    this.actionSubmitted.set(true);
    const finding = this.responding();
    if (!finding || this.action.invalid || this.respondPending()) return;
    this.respondPending.set(true);
    this.respondProblem.set(null);
    try {
      await this.api.respondToFinding(
        this.orgId(),
        finding.id,
        this.action.value.trim(),
      );
      this.closeRespond();
      this.finished('audit.hr.responded');
    } catch (error) {
      this.respondProblem.set(toApiProblem(error));
    } finally {
      this.respondPending.set(false);
    }
  }

  protected async proposeClosure(finding: Finding): Promise<void> {
    if (this.proposePending()) return;
    this.proposePending.set(finding.id);
    this.proposeFailure.set(null);
    this.done.set(null);
    try {
      await this.api.proposeClosure(this.orgId(), finding.id);
      this.finished('audit.hr.proposed');
    } catch (error) {
      this.proposeFailure.set({ id: finding.id, problem: toApiProblem(error) });
    } finally {
      this.proposePending.set(null);
    }
  }

  /** The row's buttons may be gone after the change: reading continues at the outcome. */
  private finished(key: string): void {
    this.done.set({ key });
    this.findings.reload();
    afterNextRender(
      () => this.document.getElementById('hr-findings-done')?.focus(),
      { injector: this.injector },
    );
  }
}
