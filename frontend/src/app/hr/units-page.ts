import { httpResource } from '@angular/common/http';
import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { toApiProblem } from '../core/http/api-problem';
import { ErrorAlert } from '../shared/error-alert';
import { Unit, buildUnitTree } from './hr-models';

@Component({
  selector: 'aman-units-page',
  imports: [NgTemplateOutlet, TranslocoPipe, ErrorAlert],
  templateUrl: './units-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UnitsPage {
  protected readonly units = httpResource<Unit[]>(() => '/api/units');
  protected readonly tree = computed(() =>
    this.units.hasValue() ? buildUnitTree(this.units.value()) : [],
  );
  protected readonly count = computed(() =>
    this.units.hasValue() ? this.units.value().length : 0,
  );
  protected readonly problem = computed(() => {
    const error = this.units.error();
    return error ? toApiProblem(error) : null;
  });
}
