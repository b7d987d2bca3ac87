import { DOCUMENT } from '@angular/common';
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
import { TranslocoPipe } from '@jsverse/transloco';
import { ApiProblem, problemOf, toApiProblem } from '../core/http/api-problem';
import { LanguageStore } from '../core/session/language-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatDatePipe } from '../shared/format-date-pipe';
import { HrApi } from './hr-api';
import { Unit, unitOptions } from './hr-models';
import { ReminderSettingsForm } from './reminder-settings-form';
import { RuleForm } from './rule-form';
import {
  AssignmentRule,
  AssignmentRuleChange,
  CatalogModule,
} from './rule-models';

/** Who must take which training by when, and when reminders go out. */
@Component({
  selector: 'aman-rules-page',
  imports: [
    TranslocoPipe,
    ErrorAlert,
    FormatDatePipe,
    RuleForm,
    ReminderSettingsForm,
  ],
  templateUrl: './rules-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RulesPage {
  private readonly api = inject(HrApi);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  protected readonly language = inject(LanguageStore);

  protected readonly rules = httpResource<AssignmentRule[]>(
    () => '/api/assignment-rules',
  );
  protected readonly rows = computed(() =>
    this.rules.hasValue() ? this.rules.value() : [],
  );
  protected readonly loadProblem = problemOf(this.rules);

  protected readonly modules = httpResource<CatalogModule[]>(() => ({
    url: '/api/modules',
    params: { lang: this.language.lang() },
  }));
  protected readonly moduleList = computed(() =>
    this.modules.hasValue() ? this.modules.value() : [],
  );
  protected readonly modulesProblem = problemOf(this.modules);
  protected readonly units = httpResource<Unit[]>(() => '/api/units');
  protected readonly unitChoices = computed(() =>
    this.units.hasValue() ? unitOptions(this.units.value()) : [],
  );
  /** Without the units, rules can still be made for the whole organisation; say why none are offered. */
  protected readonly unitsProblem = problemOf(this.units);

  /** The rule whose form is open for changes; null while the form creates a new rule. */
  protected readonly editing = signal<AssignmentRule | null>(null);
  protected readonly outcome = signal<{
    kind: 'created' | 'updated' | 'deactivated';
    module: string;
    opened: number;
  } | null>(null);

  protected readonly deactivating = signal<AssignmentRule | null>(null);
  protected readonly deactivatePending = signal(false);
  protected readonly deactivateProblem = signal<ApiProblem | null>(null);
  private readonly dialog =
    viewChild.required<ElementRef<HTMLDialogElement>>('deactivateDialog');

  protected moduleTitle(slug: string): string {
    return this.moduleList().find((m) => m.slug === slug)?.title ?? slug;
  }

  protected unitName(id: string | null): string | null {
    if (!id) return null;
    return this.unitChoices().find((u) => u.id === id)?.name ?? null;
  }

  protected edit(rule: AssignmentRule): void {
    this.editing.set(rule);
    this.outcome.set(null);
    this.focus('rule-form-heading');
  }

  protected cancelEdit(): void {
    const rule = this.editing();
    this.editing.set(null);
    if (rule) this.focus(`rule-edit-${rule.id}`);
  }

  protected saved(change: AssignmentRuleChange): void {
    this.outcome.set({
      kind: this.editing() ? 'updated' : 'created',
      module: this.moduleTitle(change.moduleSlug),
      opened: change.assignmentsOpened,
    });
    this.editing.set(null);
    this.rules.reload();
    this.focus('rules-outcome');
  }

  protected askDeactivate(rule: AssignmentRule): void {
    this.deactivating.set(rule);
    this.deactivateProblem.set(null);
    afterNextRender(() => this.dialog().nativeElement.showModal(), {
      injector: this.injector,
    });
  }

  protected closeDialog(): void {
    this.dialog().nativeElement.close();
  }

  protected dialogClosed(): void {
    this.deactivating.set(null);
  }

  protected async confirmDeactivate(): Promise<void> {
    const rule = this.deactivating();
    if (!rule || this.deactivatePending()) return;
    this.deactivatePending.set(true);
    this.deactivateProblem.set(null);
    try {
      await this.api.deactivateRule(rule.id);
      if (this.editing()?.id === rule.id) this.editing.set(null);
      this.outcome.set({
        kind: 'deactivated',
        module: this.moduleTitle(rule.moduleSlug),
        opened: 0,
      });
      this.closeDialog();
      this.rules.reload();
      this.focus('rules-outcome');
    } catch (error) {
      this.deactivateProblem.set(toApiProblem(error));
    } finally {
      this.deactivatePending.set(false);
    }
  }

  private focus(id: string): void {
    afterNextRender(() => this.document.getElementById(id)?.focus(), {
      injector: this.injector,
    });
  }
}
