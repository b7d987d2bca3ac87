import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemOf } from '../core/http/api-problem';
import { LanguageStore } from '../core/session/language-store';
import { ErrorAlert } from '../shared/error-alert';
import { FormatDatePipe } from '../shared/format-date-pipe';
import { Engagement } from '../core/audit/engagement';

@Component({
  selector: 'aman-engagements-page',
  imports: [RouterLink, TranslocoPipe, ErrorAlert, FormatDatePipe],
  templateUrl: './engagements-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EngagementsPage {
  protected readonly language = inject(LanguageStore);
  protected readonly engagements = httpResource<Engagement[]>(
    () => '/api/engagements',
  );
  protected readonly rows = computed(() =>
    this.engagements.hasValue() ? this.engagements.value() : [],
  );
  protected readonly problem = problemOf(this.engagements);
}
