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
import {
  ApiProblem,
  FieldError,
  fieldErrorsOf,
  problemOf,
  toApiProblem,
} from '../core/http/api-problem';
import { LanguageStore } from '../core/session/language-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatDatePipe } from '../shared/format-date-pipe';
import { ValidationMessage } from '../shared/validation-message';
import { AssignModuleFields } from './assign-module-fields';
import { HrApi } from './hr-api';
import { PersonAssignment, isOpenAssignment } from './hr-models';
import { CatalogModule } from './rule-models';

type Action = 'extend' | 'exempt' | 'undo';

/**
 * A person's assignments, history included; HR can move a due date, exempt them or undo an
 * exemption (with a reason), assign a module by hand and send a reminder now.
 */
@Component({
  selector: 'aman-person-assignments',
  imports: [
    ReactiveFormsModule,
    TranslocoPipe,
    ErrorAlert,
    FormatDatePipe,
    AssignModuleFields,
  ],
  templateUrl: './person-assignments.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PersonAssignments {
  private readonly api = inject(HrApi);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  protected readonly language = inject(LanguageStore);

  readonly userId = input.required<string>();

  protected readonly assignments = httpResource<PersonAssignment[]>(() => ({
    url: '/api/assignments',
    params: { userId: this.userId(), lang: this.language.lang() },
  }));
  protected readonly rows = computed(() =>
    this.assignments.hasValue() ? this.assignments.value() : [],
  );
  protected readonly loadProblem = problemOf(this.assignments);

  protected readonly acting = signal<{
    assignment: PersonAssignment;
    action: Action;
  } | null>(null);
  protected readonly dueOn = new FormControl('', {
    nonNullable: true,
    validators: Validators.required,
  });
  protected readonly reason = new FormControl('', {
    nonNullable: true,
    validators: Validators.required,
  });
  protected readonly submitted = signal(false);
  protected readonly pending = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly serverFields = signal<FieldError[]>([]);
  protected readonly done = signal<{ action: Action; module: string } | null>(
    null,
  );
  private readonly dialog =
    viewChild.required<ElementRef<HTMLDialogElement>>('actionDialog');

  /** The hand-assignment form, and the catalogue it offers (loaded when the form opens). */
  protected readonly assigning = signal(false);
  protected readonly modules = httpResource<CatalogModule[]>(() =>
    this.assigning()
      ? { url: '/api/modules', params: { lang: this.language.lang() } }
      : undefined,
  );
  protected readonly assignModule = new FormControl('', {
    nonNullable: true,
    validators: Validators.required,
  });
  protected readonly assignDueOn = new FormControl('', {
    nonNullable: true,
    validators: Validators.required,
  });
  protected readonly assignTried = signal(false);
  protected readonly quickPending = signal(false);
  protected readonly quickProblem = signal<ApiProblem | null>(null);
  /** What the last assign or reminder did, as a translation key and its values. */
  protected readonly quickDone = signal<{
    key: string;
    params: Record<string, string>;
  } | null>(null);

  protected isOpen(assignment: PersonAssignment): boolean {
    return isOpenAssignment(assignment);
  }

  /** A just-exempted assignment, still the latest of its module: HR can bring it back. */
  protected isUndoable(assignment: PersonAssignment): boolean {
    return assignment.current && assignment.status === 'exempted';
  }

  protected async assign(event?: Event): Promise<void> {
    event?.preventDefault();
    this.assignTried.set(true);
    if (this.assignModule.invalid || this.assignDueOn.invalid) return;
    const slug = this.assignModule.value;
    const title =
      (this.modules.hasValue() ? this.modules.value() : []).find(
        (m) => m.slug === slug,
      )?.title ?? slug;
    await this.quick(async () => {
      const result = await this.api.assignModule(
        slug,
        [this.userId()],
        this.assignDueOn.value,
      );
      this.quickDone.set({
        key: result.assigned ? 'hrTools.assign.done' : 'hrTools.assign.already',
        params: { module: title },
      });
      if (result.assigned) {
        this.assigning.set(false);
        this.assignModule.reset();
        this.assignDueOn.reset();
        this.assignTried.set(false);
        this.assignments.reload();
      }
    });
  }

  protected async remindNow(): Promise<void> {
    await this.quick(async () => {
      const r = await this.api.sendReminders({ userIds: [this.userId()] });
      const key = r.queued
        ? 'reminded'
        : r.alreadyRemindedToday
          ? 'alreadyReminded'
          : r.noEmail
            ? 'noEmail'
            : 'nothingOpen';
      this.quickDone.set({ key: `hrTools.person.${key}`, params: {} });
    });
  }

  private async quick(work: () => Promise<void>): Promise<void> {
    if (this.quickPending()) return;
    this.quickPending.set(true);
    this.quickProblem.set(null);
    this.quickDone.set(null);
    try {
      await work();
    } catch (error) {
      this.quickProblem.set(toApiProblem(error));
    } finally {
      this.quickPending.set(false);
    }
  }

  /** The earliest new due date the form offers: the day after the current one. */
  protected minDueOn(assignment: PersonAssignment): string {
    const next = new Date(`${assignment.dueOn}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    return next.toISOString().slice(0, 10);
  }

  protected dueError(): ValidationMessage | null {
    const acting = this.acting();
    if (this.submitted() && acting) {
      if (this.dueOn.hasError('required'))
        return { key: 'validation.required', params: {} };
      if (this.dueOn.value <= acting.assignment.dueOn)
        return { key: 'hr.person.assignments.dueLater', params: {} };
    }
    return this.serverError('dueOn');
  }

  protected reasonError(): ValidationMessage | null {
    if (this.submitted() && this.reason.value.trim() === '')
      return { key: 'validation.required', params: {} };
    return this.serverError('reason');
  }

  protected open(assignment: PersonAssignment, action: Action): void {
    this.acting.set({ assignment, action });
    this.done.set(null);
    this.dueOn.reset();
    this.reason.reset();
    this.submitted.set(false);
    this.problem.set(null);
    this.serverFields.set([]);
    afterNextRender(
      () => {
        this.dialog().nativeElement.showModal();
        this.document
          .getElementById(
            action === 'extend' ? 'action-dueOn' : 'action-reason',
          )
          ?.focus();
      },
      { injector: this.injector },
    );
  }

  protected close(): void {
    this.dialog().nativeElement.close();
  }

  protected dialogClosed(): void {
    this.acting.set(null);
  }

  protected async confirm(event?: Event): Promise<void> {
    event?.preventDefault();
    this.submitted.set(true);
    const acting = this.acting();
    if (!acting || this.pending()) return;
    if ((acting.action === 'extend' && this.dueError()) || this.reasonError())
      return;
    this.pending.set(true);
    this.problem.set(null);
    this.serverFields.set([]);
    const reason = this.reason.value.trim();
    try {
      if (acting.action === 'extend')
        await this.api.extendAssignment(
          acting.assignment.id,
          this.dueOn.value,
          reason,
        );
      else if (acting.action === 'undo')
        await this.api.undoExemption(acting.assignment.id, reason);
      else await this.api.exemptAssignment(acting.assignment.id, reason);
      this.done.set({
        action: acting.action,
        module: acting.assignment.module.title,
      });
      this.close();
      this.assignments.reload();
      afterNextRender(
        () => this.document.getElementById('assignments-done')?.focus(),
        { injector: this.injector },
      );
    } catch (error) {
      this.problem.set(toApiProblem(error));
      this.serverFields.set(fieldErrorsOf(error));
    } finally {
      this.pending.set(false);
    }
  }

  private serverError(field: string): ValidationMessage | null {
    const server = this.serverFields().find((f) => f.field === field);
    return server
      ? { key: 'validation.rejected', params: { message: server.message } }
      : null;
  }
}
