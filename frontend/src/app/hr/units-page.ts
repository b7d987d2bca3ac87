import { DOCUMENT, NgTemplateOutlet } from '@angular/common';
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
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  ApiProblem,
  FieldError,
  fieldErrorsOf,
  problemOf,
  toApiProblem,
} from '../core/http/api-problem';
import { ErrorAlert } from '../shared/error-alert';
import {
  ValidationMessage,
  validationMessage,
} from '../shared/validation-message';
import { HrApi } from './hr-api';
import {
  Unit,
  buildUnitTree,
  indentedName,
  subtreeIds,
  unitOptions,
} from './hr-models';
import { UnitsImport } from './units-import';

/** As the server's UNIT_CODE_PATTERN. */
export const UNIT_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,59}$/;

type NewField = 'code' | 'name' | 'parentId';
type EditField = 'name' | 'parentId';

/** The organisation's unit tree: add, rename, move and archive units, or import them from a CSV. */
@Component({
  selector: 'aman-units-page',
  imports: [
    NgTemplateOutlet,
    ReactiveFormsModule,
    TranslocoPipe,
    ErrorAlert,
    UnitsImport,
  ],
  templateUrl: './units-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UnitsPage {
  private readonly api = inject(HrApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);

  protected readonly units = httpResource<Unit[]>(() => '/api/units');
  protected readonly tree = computed(() =>
    this.units.hasValue() ? buildUnitTree(this.units.value()) : [],
  );
  protected readonly options = computed(() =>
    this.units.hasValue() ? unitOptions(this.units.value()) : [],
  );
  protected readonly count = computed(() =>
    this.units.hasValue() ? this.units.value().length : 0,
  );
  protected readonly problem = problemOf(this.units);
  protected readonly indented = indentedName;

  /** What was just done, said in the status region above the tree. */
  protected readonly outcome = signal<{ key: string; name: string } | null>(
    null,
  );

  protected readonly createForm = this.fb.group({
    code: ['', [Validators.required, Validators.pattern(UNIT_CODE_PATTERN)]],
    name: ['', Validators.required],
    parentId: [''],
  });
  protected readonly createSubmitted = signal(false);
  protected readonly createPending = signal(false);
  protected readonly createProblem = signal<ApiProblem | null>(null);
  protected readonly createFields = signal<FieldError[]>([]);

  protected readonly editing = signal<Unit | null>(null);
  protected readonly editForm = this.fb.group({
    name: ['', Validators.required],
    parentId: [''],
  });
  protected readonly editSubmitted = signal(false);
  protected readonly editPending = signal(false);
  protected readonly editProblem = signal<ApiProblem | null>(null);
  protected readonly editFields = signal<FieldError[]>([]);
  /** Where the unit being edited may go: not under itself or one of its own sub-units. */
  protected readonly parentChoices = computed(() => {
    const unit = this.editing();
    if (!unit || !this.units.hasValue()) return [];
    const excluded = subtreeIds(this.units.value(), unit.id);
    return this.options().filter((o) => !excluded.has(o.id));
  });

  protected readonly archiving = signal<Unit | null>(null);
  protected readonly archivePending = signal(false);
  protected readonly archiveProblem = signal<ApiProblem | null>(null);

  private readonly editDialog =
    viewChild.required<ElementRef<HTMLDialogElement>>('editDialog');
  private readonly archiveDialog =
    viewChild.required<ElementRef<HTMLDialogElement>>('archiveDialog');

  protected createError(name: NewField): ValidationMessage | null {
    const control = this.createForm.controls[name];
    if (this.createSubmitted()) {
      if (control.hasError('pattern'))
        return { key: 'hr.unitsAdmin.codeRule', params: {} };
      const found = validationMessage(control);
      if (found) return found;
    }
    return serverMessage(this.createFields(), name);
  }

  protected editError(name: EditField): ValidationMessage | null {
    const control = this.editForm.controls[name];
    if (this.editSubmitted()) {
      const found = validationMessage(control);
      if (found) return found;
    }
    return serverMessage(this.editFields(), name);
  }

  protected async create(): Promise<void> {
    this.createSubmitted.set(true);
    this.outcome.set(null);
    if (this.createForm.invalid) {
      this.focusFirstInvalid('#unit-create-form');
      return;
    }
    if (this.createPending()) return;
    this.createPending.set(true);
    this.createProblem.set(null);
    this.createFields.set([]);
    const v = this.createForm.getRawValue();
    try {
      const unit = await this.api.createUnit({
        code: v.code.trim(),
        name: v.name.trim(),
        parentId: v.parentId || null,
      });
      this.createForm.reset();
      this.createSubmitted.set(false);
      this.outcome.set({ key: 'hr.unitsAdmin.created', name: unit.name });
      this.units.reload();
    } catch (error) {
      this.createProblem.set(toApiProblem(error));
      this.createFields.set(fieldErrorsOf(error));
    } finally {
      this.createPending.set(false);
    }
  }

  protected openEdit(unit: Unit): void {
    this.editing.set(unit);
    this.editForm.reset({ name: unit.name, parentId: unit.parentId ?? '' });
    this.editSubmitted.set(false);
    this.editProblem.set(null);
    this.editFields.set([]);
    afterNextRender(
      () => {
        this.editDialog().nativeElement.showModal();
        this.document.getElementById('unit-edit-name')?.focus();
      },
      { injector: this.injector },
    );
  }

  protected closeEdit(): void {
    this.editDialog().nativeElement.close();
  }

  protected editClosed(): void {
    this.editing.set(null);
  }

  protected async saveEdit(event?: Event): Promise<void> {
    event?.preventDefault();
    this.editSubmitted.set(true);
    const unit = this.editing();
    if (!unit || this.editForm.invalid || this.editPending()) return;
    this.editPending.set(true);
    this.editProblem.set(null);
    this.editFields.set([]);
    const v = this.editForm.getRawValue();
    try {
      const saved = await this.api.updateUnit(unit.id, {
        name: v.name.trim(),
        parentId: v.parentId || null,
      });
      this.outcome.set({ key: 'hr.unitsAdmin.updated', name: saved.name });
      this.closeEdit();
      this.units.reload();
      this.focus('units-outcome');
    } catch (error) {
      this.editProblem.set(toApiProblem(error));
      this.editFields.set(fieldErrorsOf(error));
    } finally {
      this.editPending.set(false);
    }
  }

  protected openArchive(unit: Unit): void {
    this.archiving.set(unit);
    this.archiveProblem.set(null);
    afterNextRender(() => this.archiveDialog().nativeElement.showModal(), {
      injector: this.injector,
    });
  }

  protected closeArchive(): void {
    this.archiveDialog().nativeElement.close();
  }

  protected archiveClosed(): void {
    this.archiving.set(null);
  }

  protected async confirmArchive(): Promise<void> {
    const unit = this.archiving();
    if (!unit || this.archivePending()) return;
    this.archivePending.set(true);
    this.archiveProblem.set(null);
    try {
      await this.api.archiveUnit(unit.id);
      this.outcome.set({ key: 'hr.unitsAdmin.archived', name: unit.name });
      this.closeArchive();
      this.units.reload();
      this.focus('units-outcome');
    } catch (error) {
      // 409 while people are in the unit: the server says how many; the dialog stays open.
      this.archiveProblem.set(toApiProblem(error));
    } finally {
      this.archivePending.set(false);
    }
  }

  protected imported(): void {
    this.units.reload();
  }

  private focusFirstInvalid(form: string): void {
    afterNextRender(
      () =>
        this.document
          .querySelector<HTMLElement>(`${form} [aria-invalid="true"]`)
          ?.focus(),
      { injector: this.injector },
    );
  }

  private focus(id: string): void {
    afterNextRender(() => this.document.getElementById(id)?.focus(), {
      injector: this.injector,
    });
  }
}

function serverMessage(
  fields: FieldError[],
  name: string,
): ValidationMessage | null {
  const server = fields.find((f) => f.field === name);
  return server
    ? { key: 'validation.rejected', params: { message: server.message } }
    : null;
}
