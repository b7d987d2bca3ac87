import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  output,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';

/** What a question with options needs to be shown: quiz, pre-test and survey questions all have it. */
export interface ChoiceQuestionContent {
  id: string;
  text: string;
  /** Several options may be chosen (checkboxes); otherwise one (radio buttons). */
  multiple?: boolean;
  options: readonly { id: string; text: string }[];
}

/** One option ticked or unticked. */
export interface Choice {
  optionId: string;
  checked: boolean;
}

/** The id of one option's input, for pages that move focus to it. */
export function choiceInputId(
  idPrefix: string,
  questionId: string,
  optionId: string,
): string {
  return `${idPrefix}-${questionId}-${optionId}`;
}

/** The options chosen after `choice`: one for a single-answer question, any number otherwise. */
export function applyChoice(
  chosen: readonly string[],
  multiple: boolean | undefined,
  choice: Choice,
): string[] {
  const others = chosen.filter((id) => id !== choice.optionId);
  if (!multiple) return choice.checked ? [choice.optionId] : others;
  return choice.checked ? [...others, choice.optionId] : others;
}

/**
 * One numbered question in a fieldset, its options as radio buttons or checkboxes, with a hint and
 * an error the page decides. Ids follow `idPrefix`: inputs `<idPrefix>-<question>-<option>` (name
 * `<idPrefix>-<question>`), hint `…-hint`, error `…-error`; the fieldset is described by both.
 * The page keeps the answers: it passes what is chosen and hears each change.
 */
@Component({
  selector: 'aman-choice-question',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <fieldset
      class="question"
      [class.question-invalid]="!!errorKey()"
      [attr.aria-describedby]="describedBy()"
    >
      <legend>
        <span class="question-number">{{
          numberKey() | transloco: { number: number(), total: total() }
        }}</span>
        {{ question().text }}
      </legend>
      @if (hintKey(); as hint) {
        <p class="hint" [id]="baseId() + '-hint'">{{ hint | transloco }}</p>
      }
      @if (errorKey(); as error) {
        <p class="field-error" [id]="baseId() + '-error'">
          {{ error | transloco }}
        </p>
      }
      <div class="options">
        @for (option of question().options; track option.id) {
          <div class="option">
            <input
              [type]="question().multiple ? 'checkbox' : 'radio'"
              [id]="inputId(option.id)"
              [name]="baseId()"
              [value]="option.id"
              [checked]="chosen()?.includes(option.id)"
              (change)="changed(option.id, $event)"
            />
            <label [for]="inputId(option.id)">{{ option.text }}</label>
          </div>
        }
      </div>
    </fieldset>
  `,
})
export class ChoiceQuestion {
  readonly idPrefix = input.required<string>();
  readonly question = input.required<ChoiceQuestionContent>();
  readonly number = input.required<number>();
  readonly total = input.required<number>();
  /** Translation key of "Question {{number}} of {{total}}". */
  readonly numberKey = input('learn.quiz.questionNumber');
  readonly hintKey = input<string | null>(null);
  /** Translation key of what is wrong with the answer; null when nothing is. */
  readonly errorKey = input<string | null>(null);
  /** The chosen option ids; undefined before the first choice (an answers record has no entry yet). */
  readonly chosen = input.required<readonly string[] | undefined>();
  readonly choose = output<Choice>();

  protected readonly baseId = computed(
    () => `${this.idPrefix()}-${this.question().id}`,
  );
  protected readonly describedBy = computed(() => {
    const ids = [
      this.hintKey() ? `${this.baseId()}-hint` : null,
      this.errorKey() ? `${this.baseId()}-error` : null,
    ].filter((id) => id !== null);
    return ids.length ? ids.join(' ') : null;
  });

  protected inputId(optionId: string): string {
    return choiceInputId(this.idPrefix(), this.question().id, optionId);
  }

  protected changed(optionId: string, event: Event): void {
    this.choose.emit({
      optionId,
      checked: (event.target as HTMLInputElement).checked,
    });
  }
}
