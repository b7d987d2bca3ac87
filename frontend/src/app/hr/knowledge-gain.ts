import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemOf } from '../core/http/api-problem';
import { LanguageStore } from '../core/session/language-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatNumberPipe } from '../shared/format-number-pipe';

export interface KnowledgeGainRow {
  module: string;
  moduleTitle: string;
  groupKind: 'organization' | 'role' | 'unit';
  group: string;
  groupId: string | null;
  parentId: string | null;
  people: number | null;
  before: number | null;
  after: number | null;
  gain: number | null;
  suppressed: boolean;
}

/** `GET /api/reports/knowledge-gain`. */
export interface KnowledgeGain {
  minGroupSize: number;
  rows: KnowledgeGainRow[];
}

export const KNOWLEDGE_GAIN_GROUP_BYS = ['role', 'unit'] as const;
export type KnowledgeGainGroupBy = (typeof KNOWLEDGE_GAIN_GROUP_BYS)[number];

/**
 * Evidence that the training teaches: per module and group, the mean pre-test score and the mean
 * quiz score of the same people. Small groups arrive hidden from the server (suppression).
 */
@Component({
  selector: 'aman-knowledge-gain',
  imports: [TranslocoPipe, ErrorAlert, FormatNumberPipe],
  templateUrl: './knowledge-gain.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class KnowledgeGainPanel {
  protected readonly language = inject(LanguageStore);
  protected readonly groupBys = KNOWLEDGE_GAIN_GROUP_BYS;
  protected readonly groupBy = signal<KnowledgeGainGroupBy>('role');

  protected readonly figures = httpResource<KnowledgeGain>(() => ({
    url: '/api/reports/knowledge-gain',
    params: { groupBy: this.groupBy(), lang: this.language.lang() },
  }));
  protected readonly problem = problemOf(this.figures);
  protected readonly rows = computed(() =>
    this.figures.hasValue() ? this.figures.value().rows : [],
  );

  protected choose(event: Event): void {
    this.groupBy.set(
      (event.target as HTMLSelectElement).value as KnowledgeGainGroupBy,
    );
  }

  /** Role groups are words to translate; units are their names. */
  protected groupKey(row: KnowledgeGainRow): string | null {
    return row.groupKind === 'unit'
      ? null
      : `interactive.knowledgeGain.${row.group}`;
  }
}
