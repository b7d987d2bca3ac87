import { Routes } from '@angular/router';
import { CertificatesPage } from './certificates-page';
import { HrLayout } from './hr-layout';
import { ImportPage } from './import-page';
import { OutboxPage } from './outbox-page';
import { PeoplePage } from './people-page';
import { PersonPage } from './person-page';
import { PoliciesPage } from './policies-page';
import { PolicySignaturesPage } from './policy-signatures-page';
import { RulesPage } from './rules-page';
import { SettingsPage } from './settings-page';
import { UnitsPage } from './units-page';

export default [
  {
    path: '',
    component: HrLayout,
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'dashboard' },
      {
        path: 'dashboard',
        title: 'hr.dashboard.title',
        // Lazy: chart.js is only needed here.
        loadComponent: () =>
          import('./dashboard-page').then((m) => m.DashboardPage),
      },
      { path: 'people', title: 'titles.hrPeople', component: PeoplePage },
      {
        path: 'people/new',
        title: 'hr.person.newTitle',
        component: PersonPage,
      },
      { path: 'people/:id', title: 'hr.person.title', component: PersonPage },
      { path: 'import', title: 'hr.import.title', component: ImportPage },
      { path: 'rules', title: 'hr.rules.title', component: RulesPage },
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
      {
        path: 'settings/mail-templates',
        title: 'titles.hrMailTemplates',
        loadComponent: () =>
          import('./mail-templates/mail-templates-page').then(
            (m) => m.MailTemplatesPage,
          ),
      },
      { path: 'outbox', title: 'titles.hrOutbox', component: OutboxPage },
      {
        path: 'report-channel',
        title: 'hr.reportChannel.heading',
        loadComponent: () =>
          import('./report-channel-page').then((m) => m.ReportChannelPage),
      },
      {
        path: 'surveys',
        title: 'surveys.hr.heading',
        loadComponent: () => import('./surveys-page').then((m) => m.SurveysPage),
      },
      {
        path: 'audit',
        title: 'audit.titles.hr',
        loadComponent: () => import('./audit-page').then((m) => m.AuditPage),
      },
    ],
  },
] satisfies Routes;
