import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';

export interface SurveyQuestion {
  id: string;
  type: 'likert' | 'yes_no' | 'single' | 'free_text';
  text: string;
  optional: boolean;
  sensitive: boolean;
  maxLength: number | null;
  options: { id: string; text: string }[];
}

/** An open wave for the signed-in person (GET /api/my/surveys). */
export interface MySurvey {
  id: string;
  title: string;
  opensOn: string;
  closesOn: string;
  answered: boolean;
  intro: string;
  contentNote: string;
  support: string;
  questions: SurveyQuestion[];
}

export const MY_SURVEYS_URL = '/api/my/surveys';

@Injectable({ providedIn: 'root' })
export class SurveyApi {
  private readonly http = inject(HttpClient);

  respond(waveId: string, answers: Record<string, string>): Promise<{ waveId: string; answeredOn: string }> {
    return firstValueFrom(this.http.post<{ waveId: string; answeredOn: string }>(`/api/surveys/${encodeURIComponent(waveId)}/responses`, { answers }));
  }
}
