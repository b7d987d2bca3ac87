import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';

interface Section {
  key: string;
  /** Keys under `privacy.<key>.items`, in reading order; empty for a section of prose. */
  items: readonly string[];
}

/** The UU PDP privacy notice; its text lives in the translation files (`privacy.*`). */
@Component({
  selector: 'aman-privacy-page',
  imports: [TranslocoPipe],
  templateUrl: './privacy-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PrivacyPage {
  protected readonly sections: readonly Section[] = [
    { key: 'controller', items: [] },
    {
      key: 'what',
      items: [
        'identity',
        'unit',
        'employment',
        'gender',
        'training',
        'quizzes',
        'certificates',
        'signIns',
        'auditTrail',
      ],
    },
    { key: 'gender', items: [] },
    {
      key: 'why',
      items: ['programme', 'evidence', 'certificates', 'security'],
    },
    { key: 'retention', items: ['employed', 'auditTrail'] },
    {
      key: 'access',
      items: ['you', 'hr', 'auditors', 'otherOrgs', 'operator'],
    },
    { key: 'rights', items: ['access', 'correction', 'questions'] },
    { key: 'contact', items: [] },
  ];
}
