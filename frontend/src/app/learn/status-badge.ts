import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { AssignmentStatus } from './assignment';

@Component({
  selector: 'aman-status-badge',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span [class]="'badge badge-' + status()">{{
    'learn.status.' + status() | transloco
  }}</span>`,
})
export class StatusBadge {
  readonly status = input.required<AssignmentStatus>();
}
