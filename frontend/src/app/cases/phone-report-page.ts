import { HttpClient } from '@angular/common/http';
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
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import {
  ApiProblem,
  FieldError,
  fieldErrorsOf,
  toApiProblem,
} from '../core/http/api-problem';
import { ErrorAlert } from '../shared/error-alert';
import { CATEGORY_IDS, groupReceipt } from '../shared/report-channel';

type Field = 'organizationCode' | 'category' | 'description' | 'contact';

/**
 * A handler writes down what a caller reports by phone. The report is stored like a public one
 * (for this partner's handlers); the receipt is shown once, to be read to the caller, and is
 * forgotten when the page is left or another report is started.
 */
@Component({
  selector: 'aman-phone-report',
  imports: [TranslocoPipe, RouterLink, ErrorAlert],
  templateUrl: './phone-report-page.html',
  styleUrl: '../report/report.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PhoneReportPage {
  private readonly http = inject(HttpClient);
  private readonly injector = inject(Injector);
  protected readonly categories = CATEGORY_IDS;

  protected readonly organizationCode = signal('');
  protected readonly category = signal('');
  protected readonly description = signal('');
  protected readonly contact = signal('');
  protected readonly allowReferral = signal(false);

  protected readonly sending = signal(false);
  protected readonly fields = signal<FieldError[]>([]);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly recorded = signal<{ receipt: string; caseId: string } | null>(null);
  protected readonly groupedReceipt = computed(() => {
    const recorded = this.recorded();
    return recorded ? groupReceipt(recorded.receipt) : '';
  });

  private readonly receiptHeading =
    viewChild<ElementRef<HTMLElement>>('receiptHeading');
  private readonly formHeading =
    viewChild<ElementRef<HTMLElement>>('formHeading');

  protected fieldError(field: Field): string | null {
    return this.fields().find((f) => f.field === field)?.message ?? null;
  }

  protected set(target: Field, event: Event): void {
    this[target].set((event.target as HTMLInputElement).value);
  }

  protected setReferral(event: Event): void {
    this.allowReferral.set((event.target as HTMLInputElement).checked);
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.sending()) return;
    this.sending.set(true);
    this.fields.set([]);
    this.problem.set(null);
    try {
      const contact = this.contact().trim();
      const answer = await firstValueFrom(
        this.http.post<{ receipt: string; caseId: string }>(
          '/api/cases/phone-reports',
          {
            organizationCode: this.organizationCode().trim().toLowerCase(),
            category: this.category(),
            description: this.description(),
            ...(contact ? { contact } : {}),
            allowSatgasReferral: this.allowReferral(),
          },
        ),
      );
      this.clearForm();
      this.recorded.set(answer);
      afterNextRender(() => this.receiptHeading()?.nativeElement.focus(), {
        injector: this.injector,
      });
    } catch (error) {
      this.fields.set(fieldErrorsOf(error));
      this.problem.set(toApiProblem(error));
    } finally {
      this.sending.set(false);
    }
  }

  /** Forgets the receipt: it was read to the caller and must not stay on the screen. */
  protected another(): void {
    this.recorded.set(null);
    afterNextRender(() => this.formHeading()?.nativeElement.focus(), {
      injector: this.injector,
    });
  }

  private clearForm(): void {
    this.organizationCode.set('');
    this.category.set('');
    this.description.set('');
    this.contact.set('');
    this.allowReferral.set(false);
  }
}
