import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { CatalogModule } from './rule-models';

/**
 * The module and due date HR chooses when assigning by hand, to one person (person page) or to
 * several (people list), both required. Ids: `<idPrefix>-module`, `<idPrefix>-dueOn`, errors `…-error`.
 * The page owns the controls and says when to show what is missing (`tried`).
 */
@Component({
  selector: 'aman-assign-module-fields',
  imports: [ReactiveFormsModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="field-row">
      <div class="field">
        <label [for]="idPrefix() + '-module'">{{
          'hrTools.assign.module' | transloco
        }}</label>
        <select
          [id]="idPrefix() + '-module'"
          required
          [formControl]="module()"
          [attr.aria-invalid]="tried() && !module().value"
          [attr.aria-describedby]="
            tried() && !module().value ? idPrefix() + '-module-error' : null
          "
        >
          <option value="" disabled>
            {{ 'hrTools.assign.chooseModule' | transloco }}
          </option>
          @for (option of modules(); track option.slug) {
            <option [value]="option.slug">{{ option.title }}</option>
          }
        </select>
        @if (tried() && !module().value) {
          <p [id]="idPrefix() + '-module-error'" class="field-error">
            {{ 'validation.required' | transloco }}
          </p>
        }
      </div>
      <div class="field">
        <label [for]="idPrefix() + '-dueOn'">{{
          'hrTools.assign.dueOn' | transloco
        }}</label>
        <input
          [id]="idPrefix() + '-dueOn'"
          type="date"
          required
          [formControl]="dueOn()"
          [attr.aria-invalid]="tried() && !dueOn().value"
          [attr.aria-describedby]="
            tried() && !dueOn().value ? idPrefix() + '-dueOn-error' : null
          "
        />
        @if (tried() && !dueOn().value) {
          <p [id]="idPrefix() + '-dueOn-error'" class="field-error">
            {{ 'validation.required' | transloco }}
          </p>
        }
      </div>
    </div>
  `,
})
export class AssignModuleFields {
  readonly idPrefix = input.required<string>();
  readonly module = input.required<FormControl<string>>();
  readonly dueOn = input.required<FormControl<string>>();
  /** The catalogue offered; empty while it loads. */
  readonly modules = input.required<readonly CatalogModule[]>();
  readonly tried = input.required<boolean>();
}
