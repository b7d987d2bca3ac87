import { Routes } from '@angular/router';
import { CertificatesPage } from './certificates-page';
import { HrLayout } from './hr-layout';
import { OutboxPage } from './outbox-page';
import { PeoplePage } from './people-page';
import { PoliciesPage } from './policies-page';
import { PolicySignaturesPage } from './policy-signatures-page';
import { SettingsPage } from './settings-page';
import { UnitsPage } from './units-page';

export default [
  {
    path: '',
    component: HrLayout,
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'people' },
      { path: 'people', title: 'titles.hrPeople', component: PeoplePage },
      { path: 'units', title: 'titles.hrUnits', component: UnitsPage },
      {
        path: 'policies',
        title: 'titles.hrPolicies',
        component: PoliciesPage,
      },
      {
        path: 'policies/:id',
        title: 'titles.hrSignatures',
        component: PolicySignaturesPage,
      },
      {
        path: 'certificates',
        title: 'titles.hrCertificates',
        component: CertificatesPage,
      },
      {
        path: 'settings',
        title: 'titles.hrSettings',
        component: SettingsPage,
      },
      { path: 'outbox', title: 'titles.hrOutbox', component: OutboxPage },
      {
        path: 'audit',
        title: 'audit.titles.hr',
        loadComponent: () => import('./audit-page').then((m) => m.AuditPage),
      },
    ],
  },
] satisfies Routes;
