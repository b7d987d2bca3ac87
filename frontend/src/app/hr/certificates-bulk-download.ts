import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemOf } from '../core/http/api-problem';
import { ErrorAlert } from '../shared/error-alert';
import { Unit, indentedName, unitOptions } from './hr-models';

/** Every stored certificate PDF of a unit (and the units below it) as one ZIP. */
@Component({
  selector: 'aman-certificates-bulk-download',
  imports: [ReactiveFormsModule, TranslocoPipe, ErrorAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card no-print" aria-labelledby="bulk-zip-heading">
      <h2 id="bulk-zip-heading">{{ 'hrTools.bulkZip.heading' | transloco }}</h2>
      <p id="bulk-zip-hint" class="hint">{{ 'hrTools.bulkZip.hint' | transloco }}</p>
      <aman-error-alert [problem]="unitsProblem()" />
      <div class="field-row">
        <div class="field">
          <label for="bulk-zip-unit">{{ 'hrTools.bulkZip.unit' | transloco }}</label>
          <select id="bulk-zip-unit" [formControl]="unit" aria-describedby="bulk-zip-hint">
            <option value="">{{ 'hrTools.bulkZip.chooseUnit' | transloco }}</option>
            @for (u of unitChoices(); track u.id) {
              <option [value]="u.id">{{ indented(u) }}</option>
            }
          </select>
        </div>
      </div>
      @if (href(); as link) {
        <a class="button" [href]="link" download>{{ 'hrTools.bulkZip.download' | transloco }}</a>
      }
    </section>
  `,
})
export class CertificatesBulkDownload {
  protected readonly units = httpResource<Unit[]>(() => '/api/units');
  protected readonly unitChoices = computed(() =>
    this.units.hasValue() ? unitOptions(this.units.value()) : [],
  );
  protected readonly unitsProblem = problemOf(this.units);
  protected readonly indented = indentedName;
  protected readonly unit = new FormControl('', { nonNullable: true });
  private readonly chosen = toSignal(this.unit.valueChanges, {
    initialValue: '',
  });
  protected readonly href = computed(() => {
    const id = this.chosen();
    return id
      ? `/api/certificates/bulk.zip?unitId=${encodeURIComponent(id)}`
      : null;
  });
}
