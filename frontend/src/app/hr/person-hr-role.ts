import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { ApiProblem, toApiProblem } from '../core/http/api-problem';
import { ErrorAlert } from '../shared/error-alert';
import { HrApi } from './hr-api';
import { PersonDetail } from './hr-models';

/**
 * Granting or removing HR admin, on the person's page only and only after a confirmation: it gives
 * access to everyone's records, so it is never a one-click action in a list.
 */
@Component({
  selector: 'aman-person-hr-role',
  imports: [TranslocoPipe, ErrorAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="actions">
      <button
        type="button"
        class="button button-secondary"
        [disabled]="pending()"
        (click)="ask()"
      >
        {{ (isHr() ? 'hrTools.hrRole.remove' : 'hrTools.hrRole.grant') | transloco }}
      </button>
    </div>
    <div role="status" aria-live="polite">
      @if (changed(); as c) {
        <p class="alert alert-success">
          {{ (c === 'granted' ? 'hrTools.hrRole.granted' : 'hrTools.hrRole.removed') | transloco: { name: person().name } }}
        </p>
      }
    </div>
    <dialog #dialog class="dialog" aria-labelledby="hr-role-heading" aria-describedby="hr-role-intro">
      <h2 id="hr-role-heading">
        {{ (isHr() ? 'hrTools.hrRole.removeHeading' : 'hrTools.hrRole.grantHeading') | transloco: { name: person().name } }}
      </h2>
      <p id="hr-role-intro">
        {{ (isHr() ? 'hrTools.hrRole.removeIntro' : 'hrTools.hrRole.grantIntro') | transloco }}
      </p>
      <aman-error-alert [problem]="problem()" />
      <div class="actions">
        <button type="button" class="button" [class.button-danger]="!isHr()" [disabled]="pending()" (click)="confirm()">
          {{ (isHr() ? 'hrTools.hrRole.confirmRemove' : 'hrTools.hrRole.confirmGrant') | transloco }}
        </button>
        <button type="button" class="button button-secondary" (click)="close()">
          {{ 'hr.person.cancel' | transloco }}
        </button>
      </div>
    </dialog>
  `,
})
export class PersonHrRole {
  private readonly api = inject(HrApi);

  readonly person = input.required<PersonDetail>();
  /** After a change, so the page reloads the person. */
  readonly saved = output<void>();

  protected readonly isHr = computed(() =>
    this.person().roles.includes('hr_admin'),
  );
  protected readonly pending = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly changed = signal<'granted' | 'removed' | null>(null);
  private readonly dialog =
    viewChild.required<ElementRef<HTMLDialogElement>>('dialog');

  protected ask(): void {
    this.problem.set(null);
    this.changed.set(null);
    this.dialog().nativeElement.showModal();
  }

  protected close(): void {
    this.dialog().nativeElement.close();
  }

  protected async confirm(): Promise<void> {
    if (this.pending()) return;
    const makeHr = !this.isHr();
    this.pending.set(true);
    this.problem.set(null);
    try {
      await this.api.setHrAdmin(this.person().id, makeHr);
      this.changed.set(makeHr ? 'granted' : 'removed');
      this.close();
      this.saved.emit();
    } catch (error) {
      this.problem.set(toApiProblem(error));
    } finally {
      this.pending.set(false);
    }
  }
}
