import { HttpClient, httpResource } from '@angular/common/http';
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
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import {
  ApiProblem,
  FieldError,
  fieldErrorsOf,
  statusOf,
  toApiProblem,
} from '../core/http/api-problem';
import { ErrorAlert } from '../shared/error-alert';
import { FormatNumberPipe } from '../shared/format-number-pipe';
import { ReportBar } from './leave-quickly';
import { ReportLanguage } from './report-language';
import {
  ATTACHMENT_TYPES,
  MAX_ATTACHMENTS,
  MAX_ATTACHMENTS_BYTES,
  ReportChannel,
  ReportRecipient,
} from './report-models';
import { categoryKey, groupReceipt } from '../shared/report-channel';

type Field =
  | 'category'
  | 'recipientIds'
  | 'description'
  | 'contact'
  | 'attachments';

/** A problem with one field: a translation key, or the server's own words. */
interface FieldProblem {
  key?: string;
  params?: Record<string, unknown>;
  text?: string;
}

const FIELDS: readonly Field[] = [
  'category',
  'recipientIds',
  'description',
  'contact',
  'attachments',
];

/**
 * The public report form of one organisation: no account, nothing stored in the browser. The
 * receipt is shown once, here, and is the reporter's only way back to the report.
 */
@Component({
  selector: 'aman-report-page',
  imports: [TranslocoPipe, ErrorAlert, RouterLink, ReportBar, FormatNumberPipe],
  templateUrl: './report-page.html',
  styleUrl: './report.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportPage {
  private readonly http = inject(HttpClient);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly language = inject(ReportLanguage);

  readonly orgCode = input.required<string>();

  protected readonly channel = httpResource<ReportChannel>(
    () => `/api/report-channel/${encodeURIComponent(this.orgCode())}`,
  );
  protected readonly info = computed(() =>
    this.channel.hasValue() ? this.channel.value() : null,
  );
  protected readonly unknownOrganization = computed(
    () => statusOf(this.channel.error()) === 404,
  );
  protected readonly loadProblem = computed(() => {
    const error = this.channel.error();
    return error && !this.unknownOrganization() ? toApiProblem(error) : null;
  });
  protected readonly partners = computed(
    () => this.info()?.recipients.filter((r) => r.kind === 'partner') ?? [],
  );
  protected readonly satgas = computed(
    () => this.info()?.recipients.filter((r) => r.kind === 'satgas') ?? [],
  );

  protected readonly category = signal('');
  /** Recipients the reporter unticked; every partner starts ticked, the Satgas does not. */
  private readonly partnersOff = signal<ReadonlySet<string>>(new Set());
  private readonly satgasOn = signal<ReadonlySet<string>>(new Set());
  protected readonly allowReferral = signal(false);
  protected readonly description = signal('');
  protected readonly contact = signal('');
  protected readonly files = signal<readonly File[]>([]);

  protected readonly submitting = signal(false);
  protected readonly submitted = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  private readonly serverFields = signal<FieldError[]>([]);
  protected readonly receipt = signal<string | null>(null);
  protected readonly groupedReceipt = computed(() => {
    const receipt = this.receipt();
    return receipt ? groupReceipt(receipt) : '';
  });

  protected readonly maxAttachments = MAX_ATTACHMENTS;
  protected readonly maxMegabytes = MAX_ATTACHMENTS_BYTES / (1024 * 1024);
  protected readonly accept = ATTACHMENT_TYPES.join(',');
  protected readonly categoryKey = categoryKey;

  private readonly receiptHeading =
    viewChild<ElementRef<HTMLElement>>('receiptHeading');

  protected readonly recipientIds = computed(() => [
    ...this.partners()
      .map((p) => p.id)
      .filter((id) => !this.partnersOff().has(id)),
    ...this.satgas()
      .map((s) => s.id)
      .filter((id) => this.satgasOn().has(id)),
  ]);
  protected readonly totalBytes = computed(() =>
    this.files().reduce((sum, file) => sum + file.size, 0),
  );

  /** What this page can tell before sending; the server's answer is merged in after. */
  private readonly localProblems = computed(() => {
    const problems: Partial<Record<Field, FieldProblem>> = {};
    if (!this.category()) problems.category = { key: 'reportChannel.errors.category' };
    if (!this.partners().some((p) => !this.partnersOff().has(p.id)))
      problems.recipientIds = { key: 'reportChannel.errors.partner' };
    if (!this.description().trim())
      problems.description = { key: 'reportChannel.errors.description' };
    const files = this.files();
    if (files.length > MAX_ATTACHMENTS)
      problems.attachments = {
        key: 'reportChannel.errors.tooManyFiles',
        params: { max: MAX_ATTACHMENTS },
      };
    else if (this.totalBytes() > MAX_ATTACHMENTS_BYTES)
      problems.attachments = {
        key: 'reportChannel.errors.tooLarge',
        params: { max: this.maxMegabytes },
      };
    else if (
      files.some(
        (f) => !(ATTACHMENT_TYPES as readonly string[]).includes(f.type),
      )
    )
      problems.attachments = { key: 'reportChannel.errors.fileType' };
    return problems;
  });

  protected readonly problems = computed(() => {
    const shown: Partial<Record<Field, FieldProblem>> = this.submitted()
      ? { ...this.localProblems() }
      : {};
    // The file checks need no submit: say at once that a chosen file will not go.
    if (this.localProblems().attachments)
      shown.attachments = this.localProblems().attachments;
    for (const error of this.serverFields()) {
      const field = FIELDS.find(
        (f) => error.field === f || error.field.startsWith(`${f}.`),
      );
      if (field && !shown[field]) shown[field] = { text: error.message };
    }
    return shown;
  });

  /** Megabytes with one decimal, for the list of chosen files. */
  protected megabytes(bytes: number): number {
    return Math.max(0.1, Math.round(bytes / 104857.6) / 10);
  }

  protected isPartnerChecked(recipient: ReportRecipient): boolean {
    return !this.partnersOff().has(recipient.id);
  }

  protected isSatgasChecked(recipient: ReportRecipient): boolean {
    return this.satgasOn().has(recipient.id);
  }

  protected togglePartner(recipient: ReportRecipient, event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    this.partnersOff.update((off) => toggled(off, recipient.id, !checked));
    this.clearServerField('recipientIds');
  }

  protected toggleSatgas(recipient: ReportRecipient, event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    this.satgasOn.update((on) => toggled(on, recipient.id, checked));
    this.clearServerField('recipientIds');
  }

  protected setCategory(event: Event): void {
    this.category.set((event.target as HTMLInputElement).value);
    this.clearServerField('category');
  }

  protected setText(
    target: 'description' | 'contact',
    event: Event,
  ): void {
    this[target].set((event.target as HTMLTextAreaElement).value);
    this.clearServerField(target);
  }

  protected setReferral(event: Event): void {
    this.allowReferral.set((event.target as HTMLInputElement).checked);
  }

  protected addFiles(event: Event): void {
    const input = event.target as HTMLInputElement;
    const chosen = Array.from(input.files ?? []);
    this.files.update((files) => [...files, ...chosen]);
    // Emptied so that choosing the same file again after removing it fires a change.
    input.value = '';
    this.clearServerField('attachments');
  }

  protected removeFile(index: number): void {
    this.files.update((files) => files.filter((_, i) => i !== index));
    this.clearServerField('attachments');
  }

  protected describedBy(field: Field, hint?: string): string | null {
    const ids = [hint, this.problems()[field] ? `report-${field}-error` : null]
      .filter(Boolean)
      .join(' ');
    return ids || null;
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.submitting()) return;
    this.submitted.set(true);
    this.problem.set(null);
    this.serverFields.set([]);
    if (Object.keys(this.localProblems()).length > 0) {
      this.focusFirstProblem();
      return;
    }
    this.submitting.set(true);
    try {
      const { receipt } = await firstValueFrom(
        this.http.post<{ receipt: string }>(
          `/api/report-channel/${encodeURIComponent(this.orgCode())}/reports`,
          this.body(),
        ),
      );
      this.forgetForm();
      this.receipt.set(receipt);
      afterNextRender(() => this.receiptHeading()?.nativeElement.focus(), {
        injector: this.injector,
      });
    } catch (error) {
      this.problem.set(toApiProblem(error));
      this.serverFields.set(fieldErrorsOf(error));
      this.focusFirstProblem();
    } finally {
      this.submitting.set(false);
    }
  }

  /** JSON without files; multipart (the same names, files under `attachments`) with them. */
  private body(): FormData | object {
    const contact = this.contact().trim();
    const json = {
      category: this.category(),
      description: this.description(),
      recipientIds: this.recipientIds(),
      allowSatgasReferral: this.allowReferral(),
      ...(contact ? { contact } : {}),
    };
    if (this.files().length === 0) return json;
    const form = new FormData();
    form.append('category', json.category);
    form.append('description', json.description);
    for (const id of json.recipientIds) form.append('recipientIds', id);
    form.append('allowSatgasReferral', String(json.allowSatgasReferral));
    if (contact) form.append('contact', contact);
    for (const file of this.files()) form.append('attachments', file, file.name);
    return form;
  }

  /** Once the receipt is shown, what was written leaves the page's memory. */
  private forgetForm(): void {
    this.description.set('');
    this.contact.set('');
    this.files.set([]);
    this.submitted.set(false);
  }

  private clearServerField(field: Field): void {
    this.serverFields.update((errors) =>
      errors.filter((e) => e.field !== field && !e.field.startsWith(`${field}.`)),
    );
  }

  private focusFirstProblem(): void {
    afterNextRender(
      () => {
        const field = FIELDS.find((f) => this.problems()[f]);
        const target = field
          ? this.host.nativeElement.querySelector<HTMLElement>(
              `[data-field="${field}"]`,
            )
          : null;
        target?.focus();
      },
      { injector: this.injector },
    );
  }
}

function toggled(
  set: ReadonlySet<string>,
  id: string,
  include: boolean,
): ReadonlySet<string> {
  const next = new Set(set);
  if (include) next.add(id);
  else next.delete(id);
  return next;
}
