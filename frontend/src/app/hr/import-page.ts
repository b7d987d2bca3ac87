import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { ApiProblem, toApiProblem } from '../core/http/api-problem';
import { LanguageStore } from '../core/session/language-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatNumberPipe } from '../shared/format-number-pipe';
import { FormatPercentPipe } from '../shared/format-percent-pipe';
import { HrApi } from './hr-api';
import { MAX_CSV_BYTES, PeopleImportResult } from './hr-models';
import { ImportErrors } from './import-errors';
import { InvitePeople } from './invite-people';

/** The columns of a people CSV, in the template's order; `locale` may be left out of the header. */
export const PEOPLE_COLUMNS = [
  'email',
  'name',
  'employeeNumber',
  'unitCode',
  'isLeader',
  'gender',
  'employmentType',
  'hireDate',
  'locale',
] as const;

type Phase = 'idle' | 'checking' | 'importing';

/**
 * People from a CSV: a dry run first (nothing written, every problem listed by line), then the
 * import itself, optionally skipping the lines with problems.
 */
@Component({
  selector: 'aman-import-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    TranslocoPipe,
    ErrorAlert,
    FormatNumberPipe,
    FormatPercentPipe,
    ImportErrors,
    InvitePeople,
  ],
  templateUrl: './import-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ImportPage {
  private readonly api = inject(HrApi);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  protected readonly language = inject(LanguageStore);

  protected readonly columns = PEOPLE_COLUMNS;
  protected readonly templateUrl = '/api/users/import/template.csv';

  protected readonly file = signal<File | null>(null);
  protected readonly fileError = signal<string | null>(null);
  protected readonly skipInvalid = new FormControl(false, {
    nonNullable: true,
  });
  protected readonly skipError = signal(false);

  protected readonly phase = signal<Phase>('idle');
  /** 0–1 while the file is being sent; null before the browser tells, and once the server reads it. */
  protected readonly uploaded = signal<number | null>(null);
  protected readonly check = signal<PeopleImportResult | null>(null);
  protected readonly done = signal<PeopleImportResult | null>(null);
  protected readonly problem = signal<ApiProblem | null>(null);

  protected readonly busy = computed(() => this.phase() !== 'idle');
  /** Problems with the header row: nothing can be imported until it is fixed. */
  protected readonly headerBroken = computed(
    () => this.check()?.errors.some((e) => e.line === 1) ?? false,
  );
  protected readonly canImport = computed(() => {
    const check = this.check();
    return !!check && !check.written && !this.headerBroken();
  });

  protected chooseFile(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.file.set(input.files?.[0] ?? null);
    this.fileError.set(null);
    this.check.set(null);
    this.done.set(null);
    this.problem.set(null);
    this.skipInvalid.setValue(false);
    this.skipError.set(false);
  }

  /** The dry run: nothing is written, every line is checked. */
  protected async runCheck(event?: Event): Promise<void> {
    event?.preventDefault();
    const file = this.file();
    if (!this.validFile(file) || this.busy()) return;
    this.check.set(null);
    this.done.set(null);
    this.skipInvalid.setValue(false);
    this.skipError.set(false);
    const result = await this.send(file, 'checking', false);
    if (result) {
      this.check.set(result);
      this.focus('import-check-heading');
    }
  }

  protected async runImport(): Promise<void> {
    const file = this.file();
    const check = this.check();
    if (!check || !this.validFile(file) || this.busy()) return;
    const skipInvalid = this.skipInvalid.value;
    if (check.errorCount > 0 && !skipInvalid) {
      this.skipError.set(true);
      this.focus('import-skip');
      return;
    }
    this.skipError.set(false);
    const result = await this.send(file, 'importing', skipInvalid);
    if (!result) return;
    if (result.written) {
      this.done.set(result);
      this.check.set(null);
      this.focus('import-done');
    } else {
      // The data changed since the check (e.g. a unit archived): show what is wrong now.
      this.check.set(result);
      this.focus('import-check-heading');
    }
  }

  /** Starts over with another file. */
  protected reset(input: HTMLInputElement): void {
    input.value = '';
    this.file.set(null);
    this.check.set(null);
    this.done.set(null);
    this.skipInvalid.setValue(false);
    this.focus('import-file');
  }

  private validFile(file: File | null): file is File {
    if (!file) {
      this.fileError.set('hr.import.chooseFile');
      this.focus('import-file');
      return false;
    }
    if (file.size > MAX_CSV_BYTES) {
      this.fileError.set('hr.import.fileTooLarge');
      this.focus('import-file');
      return false;
    }
    this.fileError.set(null);
    return true;
  }

  private async send(
    file: File,
    phase: Phase,
    skipInvalid: boolean,
  ): Promise<PeopleImportResult | null> {
    this.phase.set(phase);
    this.uploaded.set(null);
    this.problem.set(null);
    try {
      return await this.api.importPeople(
        file,
        { dryRun: phase === 'checking', skipInvalid },
        (fraction) =>
          this.uploaded.set(
            fraction !== null && fraction < 1 ? fraction : null,
          ),
      );
    } catch (error) {
      this.problem.set(toApiProblem(error));
      return null;
    } finally {
      this.phase.set('idle');
      this.uploaded.set(null);
    }
  }

  private focus(id: string): void {
    afterNextRender(() => this.document.getElementById(id)?.focus(), {
      injector: this.injector,
    });
  }
}
