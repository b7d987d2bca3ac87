import {
  HttpClient,
  HttpEvent,
  HttpEventType,
  HttpResponse,
} from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { filter, firstValueFrom, lastValueFrom, map, tap } from 'rxjs';
import { Role } from '../core/session/current-user';
import {
  MailTemplate,
  MailTemplateDraft,
  MailTemplateKind,
  MailTemplateLang,
} from './mail-templates/mail-template-models';
import {
  ArchivedUnit,
  NewPolicy,
  OrganizationSettings,
  PeopleImportResult,
  PersonDetail,
  PersonInput,
  PublishPreview,
  Unit,
  UnitImportResult,
  UnitInput,
} from './hr-models';
import {
  AssignmentRule,
  AssignmentRuleChange,
  AssignmentRulePatch,
  NewAssignmentRule,
  ReminderSettings,
} from './rule-models';

/** `POST /api/assignments`. */
export interface ManualAssignResult {
  assigned: number;
  alreadyAssigned: { userId: string; name: string }[];
  alreadyCompleted: { userId: string; name: string }[];
  notFound: number;
}

/** `POST /api/assignments/reminders`. */
export interface RemindersResult {
  queued: number;
  alreadyRemindedToday: number;
  nothingOpen: number;
  noEmail: number;
  notFound: number;
}

/** What `POST /api/people/invitations` answers. */
export interface InvitePeopleResult {
  invited: number;
  withoutEmail: number;
  alreadyActive: number;
  deactivated: number;
}

/** `POST /api/surveys/waves`. */
export interface NewSurveyWave {
  questionnaire: string | undefined;
  audience: string;
  opensOn: string;
  closesOn: string;
}

/** How far an upload has got, 0–1; null when the browser cannot tell. */
export type UploadProgress = (fraction: number | null) => void;

/** HR's changes; HR's lists are read with httpResource in the pages. */
@Injectable({ providedIn: 'root' })
export class HrApi {
  private readonly http = inject(HttpClient);

  setHrAdmin(userId: string, makeHrAdmin: boolean): Promise<unknown> {
    const roles: Role[] = makeHrAdmin ? ['employee', 'hr_admin'] : ['employee'];
    return firstValueFrom(
      this.http.put(`/api/users/${encodeURIComponent(userId)}/roles`, {
        roles,
      }),
    );
  }

  publishPolicy(policy: NewPolicy): Promise<unknown> {
    return firstValueFrom(this.http.post('/api/policies', policy));
  }

  /** The first step of publishing: the server renders the text and counts who will sign. */
  previewPolicy(policy: NewPolicy): Promise<PublishPreview> {
    return firstValueFrom(
      this.http.post<PublishPreview>('/api/policies/preview', policy),
    );
  }

  /** Sends the set-password link to everyone not yet invited (imports send no mail). */
  invitePeople(): Promise<InvitePeopleResult> {
    return firstValueFrom(
      this.http.post<InvitePeopleResult>('/api/people/invitations', {
        all: true,
      }),
    );
  }

  /** Replaces the Satgas (the confidential channel's recipients) with these people. */
  saveSatgasMembers(userIds: string[]): Promise<unknown> {
    return firstValueFrom(this.http.put('/api/satgas-members', { userIds }));
  }

  openSurveyWave(wave: NewSurveyWave): Promise<unknown> {
    return firstValueFrom(this.http.post('/api/surveys/waves', wave));
  }

  /** HR accepts the partner's proposed indicators, or only comments on them. */
  decideIndicators(
    engagementId: string,
    decision: { accept: boolean; comment?: string },
  ): Promise<unknown> {
    return firstValueFrom(
      this.http.post(
        `/api/engagements/${encodeURIComponent(engagementId)}/indicators/accept`,
        decision,
      ),
    );
  }

  /** Replaces the settings; only these four keys are sent (the server refuses any other). */
  /** Saves the organisation's own wording of one mail in one language (400 names `subject` or `body`). */
  saveMailTemplate(
    organizationId: string,
    kind: MailTemplateKind,
    lang: MailTemplateLang,
    draft: MailTemplateDraft,
  ): Promise<MailTemplate> {
    return firstValueFrom(
      this.http.put<MailTemplate>(mailTemplateUrl(organizationId, kind, lang), {
        subject: draft.subject,
        body: draft.body,
      }),
    );
  }

  /** Back to Aman's default wording; answers the default. */
  resetMailTemplate(
    organizationId: string,
    kind: MailTemplateKind,
    lang: MailTemplateLang,
  ): Promise<MailTemplate> {
    return firstValueFrom(
      this.http.delete<MailTemplate>(
        mailTemplateUrl(organizationId, kind, lang),
      ),
    );
  }

  saveSettings(
    organizationId: string,
    settings: OrganizationSettings,
  ): Promise<unknown> {
    const { timeZone, sopSteps, taskForce, channels, certificateSignatory } =
      settings;
    return firstValueFrom(
      this.http.put(
        `/api/organizations/${encodeURIComponent(organizationId)}/settings`,
        { timeZone, sopSteps, taskForce, channels, certificateSignatory },
      ),
    );
  }

  revokeCertificate(serial: string, reason: string): Promise<unknown> {
    return firstValueFrom(
      this.http.post(`/api/certificates/${encodeURIComponent(serial)}/revoke`, {
        reason,
      }),
    );
  }

  createPerson(person: PersonInput): Promise<PersonDetail> {
    return firstValueFrom(this.http.post<PersonDetail>('/api/users', person));
  }

  updatePerson(id: string, person: PersonInput): Promise<PersonDetail> {
    return firstValueFrom(
      this.http.patch<PersonDetail>(
        `/api/users/${encodeURIComponent(id)}`,
        person,
      ),
    );
  }

  setPersonActive(id: string, active: boolean): Promise<PersonDetail> {
    const action = active ? 'reactivate' : 'deactivate';
    return firstValueFrom(
      this.http.post<PersonDetail>(
        `/api/users/${encodeURIComponent(id)}/${action}`,
        {},
      ),
    );
  }

  extendAssignment(
    id: string,
    dueOn: string,
    reason: string,
  ): Promise<unknown> {
    return firstValueFrom(
      this.http.post(`/api/assignments/${encodeURIComponent(id)}/extend`, {
        dueOn,
        reason,
      }),
    );
  }

  exemptAssignment(id: string, reason: string): Promise<unknown> {
    return firstValueFrom(
      this.http.post(`/api/assignments/${encodeURIComponent(id)}/exempt`, {
        reason,
      }),
    );
  }

  /** A dry run writes nothing; with skipInvalid the good lines are written and the bad ones left out. */
  importPeople(
    file: File,
    options: { dryRun: boolean; skipInvalid: boolean },
    progress?: UploadProgress,
  ): Promise<PeopleImportResult> {
    return this.upload<PeopleImportResult>(
      '/api/users/import',
      file,
      {
        dryRun: String(options.dryRun),
        skipInvalid: String(options.skipInvalid),
      },
      progress,
    );
  }

  /** All or nothing: any error means nothing is written. */
  importUnits(
    file: File,
    options: { dryRun: boolean },
    progress?: UploadProgress,
  ): Promise<UnitImportResult> {
    return this.upload<UnitImportResult>(
      '/api/units/import',
      file,
      { dryRun: String(options.dryRun) },
      progress,
    );
  }

  createUnit(unit: UnitInput): Promise<Unit> {
    const { code, name, parentId } = unit;
    return firstValueFrom(
      this.http.post<Unit>('/api/units', {
        code,
        name,
        ...(parentId ? { parentId } : {}),
      }),
    );
  }

  /** Renames and/or moves the unit with its subtree; `parentId: null` makes it top-level. */
  updateUnit(
    id: string,
    change: { name: string; parentId: string | null },
  ): Promise<Unit> {
    return firstValueFrom(
      this.http.patch<Unit>(`/api/units/${encodeURIComponent(id)}`, change),
    );
  }

  archiveUnit(id: string): Promise<ArchivedUnit> {
    return firstValueFrom(
      this.http.post<ArchivedUnit>(
        `/api/units/${encodeURIComponent(id)}/archive`,
        {},
      ),
    );
  }

  createRule(rule: NewAssignmentRule): Promise<AssignmentRuleChange> {
    return firstValueFrom(
      this.http.post<AssignmentRuleChange>('/api/assignment-rules', rule),
    );
  }

  /** Assigns a module by hand; people who already have it are reported, not given it twice. */
  assignModule(
    moduleSlug: string,
    userIds: string[],
    dueOn: string,
  ): Promise<ManualAssignResult> {
    return firstValueFrom(
      this.http.post<ManualAssignResult>('/api/assignments', {
        moduleSlug,
        userIds,
        dueOn,
      }),
    );
  }

  /** "Send a reminder now": to these people, or to everyone matching the filter. */
  sendReminders(
    selection:
      | { userIds: string[] }
      | { unitId?: string; status?: 'overdue' | 'in_progress' | 'not_started' },
  ): Promise<RemindersResult> {
    return firstValueFrom(
      this.http.post<RemindersResult>('/api/assignments/reminders', selection),
    );
  }

  /** Undoes an exemption, with a reason; the assignment returns. */
  undoExemption(id: string, reason: string): Promise<unknown> {
    return firstValueFrom(
      this.http.post(
        `/api/assignments/${encodeURIComponent(id)}/undo-exemption`,
        { reason },
      ),
    );
  }

  /** How many people the rule would reach if saved now; nothing is written. */
  async previewRule(rule: NewAssignmentRule): Promise<number> {
    const { count } = await firstValueFrom(
      this.http.post<{ count: number }>('/api/assignment-rules/preview', rule),
    );
    return count;
  }

  updateRule(
    id: string,
    rule: AssignmentRulePatch,
  ): Promise<AssignmentRuleChange> {
    return firstValueFrom(
      this.http.patch<AssignmentRuleChange>(
        `/api/assignment-rules/${encodeURIComponent(id)}`,
        rule,
      ),
    );
  }

  deactivateRule(id: string): Promise<AssignmentRule> {
    return firstValueFrom(
      this.http.delete<AssignmentRule>(
        `/api/assignment-rules/${encodeURIComponent(id)}`,
      ),
    );
  }

  saveReminderSettings(settings: ReminderSettings): Promise<ReminderSettings> {
    const {
      reminderHour,
      remindDaysBefore,
      escalateAfterDays,
      overdueEveryDays,
    } = settings;
    return firstValueFrom(
      this.http.put<ReminderSettings>('/api/assignment-rules/settings', {
        reminderHour,
        remindDaysBefore,
        escalateAfterDays,
        overdueEveryDays,
      }),
    );
  }

  /** A CSV as the multipart field `file`, reporting the upload's progress; resolves with the answer. */
  private upload<T>(
    url: string,
    file: File,
    params: Record<string, string>,
    progress?: UploadProgress,
  ): Promise<T> {
    const body = new FormData();
    body.append('file', file, file.name);
    return lastValueFrom(
      this.http
        .post<T>(url, body, { params, reportProgress: true, observe: 'events' })
        .pipe(
          tap((event: HttpEvent<T>) => {
            if (event.type === HttpEventType.UploadProgress)
              progress?.(event.total ? event.loaded / event.total : null);
          }),
          filter(
            (event): event is HttpResponse<T> =>
              event.type === HttpEventType.Response,
          ),
          map((response) => response.body as T),
        ),
    );
  }
}

/** The URL of one mail template (its preview appends `/preview`). */
export function mailTemplateUrl(
  organizationId: string,
  kind: MailTemplateKind,
  lang: MailTemplateLang,
): string {
  return `/api/organizations/${encodeURIComponent(organizationId)}/mail-templates/${kind}/${lang}`;
}
