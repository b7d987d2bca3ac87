import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageStore } from '../core/session/language-store';
import { FormatDatePipe } from '../shared/format-date-pipe';
import { MY_SURVEYS_URL, MySurvey } from './survey-api';

/** Open climate surveys on the home page: a link to answer each, or a thank-you once answered. */
@Component({
  selector: 'aman-survey-list',
  imports: [RouterLink, TranslocoPipe, FormatDatePipe],
  templateUrl: './survey-list.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SurveyList {
  protected readonly language = inject(LanguageStore);
  protected readonly surveys = httpResource<MySurvey[]>(() => ({
    url: MY_SURVEYS_URL,
    params: { lang: this.language.lang() },
  }));
  // A failed list hides the section: the surveys are optional and the training list matters more.
  protected readonly items = computed<MySurvey[]>(() => (this.surveys.hasValue() ? this.surveys.value() : []));
}
