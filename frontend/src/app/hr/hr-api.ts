import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { Role } from '../core/session/current-user';
import { NewPolicy, OrganizationSettings } from './hr-models';

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

  /** Replaces the settings; only these four keys are sent (the server refuses any other). */
  saveSettings(
    organizationId: string,
    settings: OrganizationSettings,
  ): Promise<unknown> {
    const { timeZone, sopSteps, taskForce, channels } = settings;
    return firstValueFrom(
      this.http.put(
        `/api/organizations/${encodeURIComponent(organizationId)}/settings`,
        { timeZone, sopSteps, taskForce, channels },
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
}
