import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { Role } from '../core/session/current-user';

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
}
