import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  Injector,
  afterNextRender,
  inject,
  output,
  signal,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { ApiProblem, toApiProblem } from '../core/http/api-problem';
import { LanguageStore } from '../core/session/language-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatNumberPipe } from '../shared/format-number-pipe';
import { HrApi } from './hr-api';
import { MAX_CSV_BYTES, UnitImportResult } from './hr-models';
import { ImportErrors } from './import-errors';

/** Units from a CSV (code, name, parentCode): checked first, then written all at once or not at all. */
@Component({
  selector: 'aman-units-import',
  imports: [TranslocoPipe, ErrorAlert, FormatNumberPipe, ImportErrors],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul>
      <li>{{ 'hr.unitsAdmin.import.columns' | transloco }}</li>
      <li>{{ 'hr.unitsAdmin.import.order' | transloco }}</li>
      <li>{{ 'hr.unitsAdmin.import.allOrNothing' | transloco }}</li>
    </ul>
    <p>
      <a [href]="templateUrl" download="units-template.csv">{{
        'hr.unitsAdmin.import.template' | transloco
      }}</a>
    </p>
    <form class="form" novalidate (submit)="runCheck($event)">
      <div class="field">
        <label for="units-file">{{
          'hr.unitsAdmin.import.file' | transloco
        }}</label>
        <input
          id="units-file"
          type="file"
          accept=".csv,text/csv"
          [disabled]="busy()"
          [attr.aria-invalid]="!!fileError()"
          [attr.aria-describedby]="fileError() ? 'units-file-error' : null"
          (change)="chooseFile($event)"
        />
        @if (fileError(); as key) {
          <p id="units-file-error" class="field-error">
            {{ key | transloco }}
          </p>
        }
      </div>
      <div class="actions">
        <button
          type="submit"
          class="button button-secondary"
          [disabled]="busy()"
        >
          {{ 'hr.unitsAdmin.import.check' | transloco }}
        </button>
      </div>
    </form>
    <div role="status">
      @if (busy()) {
        <p class="muted">{{ 'hr.unitsAdmin.import.working' | transloco }}</p>
      }
    </div>
    @if (busy()) {
      <progress
        [attr.aria-label]="'hr.unitsAdmin.import.working' | transloco"
      ></progress>
    }
    <aman-error-alert [problem]="problem()" />
    @if (result(); as r) {
      <div class="card">
        <h3 id="units-import-result" tabindex="-1">
          {{
            (r.written
              ? 'hr.unitsAdmin.import.doneHeading'
              : 'hr.unitsAdmin.import.checkHeading'
            ) | transloco
          }}
        </h3>
        @if (r.errorCount === 0) {
          <p>
            {{
              (r.written
                ? 'hr.unitsAdmin.import.doneSummary'
                : 'hr.unitsAdmin.import.readySummary'
              )
                | transloco
                  : {
                      created: (r.created | amanNumber: language.lang()),
                      updated: (r.updated | amanNumber: language.lang()),
                      unchanged: (r.unchanged | amanNumber: language.lang()),
                    }
            }}
          </p>
          @if (!r.written) {
            <div class="actions">
              <button
                type="button"
                class="button"
                [disabled]="busy()"
                (click)="runImport()"
              >
                {{ 'hr.unitsAdmin.import.import' | transloco }}
              </button>
            </div>
          }
        } @else {
          <p>{{ 'hr.unitsAdmin.import.problems' | transloco }}</p>
          <aman-import-errors
            captionId="units-import-errors"
            [errors]="r.errors"
            [errorCount]="r.errorCount"
          />
        }
      </div>
    }
  `,
})
export class UnitsImport {
  private readonly api = inject(HrApi);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  protected readonly language = inject(LanguageStore);

  /** Units were written: the tree must be read again. */
  readonly imported = output<UnitImportResult>();

  protected readonly templateUrl = '/api/units/import/template.csv';
  protected readonly file = signal<File | null>(null);
  protected readonly fileError = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly result = signal<UnitImportResult | null>(null);
  protected readonly problem = signal<ApiProblem | null>(null);

  protected chooseFile(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.file.set(input.files?.[0] ?? null);
    this.fileError.set(null);
    this.result.set(null);
    this.problem.set(null);
  }

  protected async runCheck(event?: Event): Promise<void> {
    event?.preventDefault();
    await this.send(true);
  }

  protected async runImport(): Promise<void> {
    await this.send(false);
  }

  private async send(dryRun: boolean): Promise<void> {
    const file = this.file();
    if (!file || file.size > MAX_CSV_BYTES) {
      this.fileError.set(
        file ? 'hr.import.fileTooLarge' : 'hr.import.chooseFile',
      );
      this.focus('units-file');
      return;
    }
    if (this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      const result = await this.api.importUnits(file, { dryRun });
      this.result.set(result);
      if (result.written) this.imported.emit(result);
      this.focus('units-import-result');
    } catch (error) {
      this.problem.set(toApiProblem(error));
    } finally {
      this.busy.set(false);
    }
  }

  private focus(id: string): void {
    afterNextRender(() => this.document.getElementById(id)?.focus(), {
      injector: this.injector,
    });
  }
}
