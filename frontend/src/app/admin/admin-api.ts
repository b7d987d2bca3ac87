import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { Invitation, NewEngagement, OnboardOrganization } from './admin-models';

/** `POST /api/partners/:id/case-handlers`: later handlers wait for an existing one to confirm them. */
export interface CaseHandlerInvitation {
  email: string;
  confirmed: boolean;
}

/** The platform admin's changes; lists are read with httpResource in the pages. */
@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly http = inject(HttpClient);

  onboardOrganization(body: OnboardOrganization): Promise<unknown> {
    return firstValueFrom(this.http.post('/api/organizations', body));
  }

  createPartner(name: string): Promise<unknown> {
    return firstValueFrom(this.http.post('/api/partners', { name }));
  }

  addAuditor(
    partnerId: string,
    auditor: { email: string; name: string },
  ): Promise<unknown> {
    return firstValueFrom(
      this.http.post(
        `/api/partners/${encodeURIComponent(partnerId)}/auditors`,
        auditor,
      ),
    );
  }

  inviteCaseHandler(
    partnerId: string,
    handler: { email: string; name: string },
  ): Promise<CaseHandlerInvitation> {
    return firstValueFrom(
      this.http.post<CaseHandlerInvitation>(
        `/api/partners/${encodeURIComponent(partnerId)}/case-handlers`,
        handler,
      ),
    );
  }

  /** Ends an active or upcoming engagement now: its auditors lose access at once. */
  endEngagement(engagementId: string): Promise<unknown> {
    return firstValueFrom(
      this.http.post(
        `/api/engagements/${encodeURIComponent(engagementId)}/end`,
        {},
      ),
    );
  }

  /** A new invitation link for the person; the previous one stops working. */
  resendInvitation(userId: string): Promise<Invitation> {
    return firstValueFrom(
      this.http.post<Invitation>(
        `/api/invitations/${encodeURIComponent(userId)}/resend`,
        {},
      ),
    );
  }

  createEngagement(body: NewEngagement): Promise<unknown> {
    return firstValueFrom(this.http.post('/api/engagements', body));
  }
}
