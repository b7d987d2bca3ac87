import { Routes } from '@angular/router';
import { AggregatesTab } from './aggregates-tab';
import { CertificatesTab } from './certificates-tab';
import { EngagementsPage } from './engagements-page';
import { FindingsTab } from './findings-tab';
import { IndicatorsTab } from './indicators-tab';
import { OrganizationPage } from './organization-page';
import { OverviewPage } from './overview-page';
import { ReportsTab } from './reports-tab';
import { TrailTab } from './trail-tab';

export default [
  { path: '', title: 'titles.audit', component: EngagementsPage },
  { path: 'overview', title: 'audit.titles.overview', component: OverviewPage },
  {
    path: 'organizations/:orgId',
    component: OrganizationPage,
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'aggregates' },
      {
        // Componentless with an empty path: it takes :orgId from the page above and hands it on,
        // so every tab receives it as its `orgId` input.
        path: '',
        children: [
          {
            path: 'aggregates',
            title: 'audit.titles.aggregates',
            component: AggregatesTab,
          },
          {
            path: 'reports',
            title: 'audit.titles.reports',
            component: ReportsTab,
          },
          {
            path: 'trail',
            title: 'audit.titles.trail',
            component: TrailTab,
          },
          {
            path: 'findings',
            title: 'audit.titles.findings',
            component: FindingsTab,
          },
          { path: 'indicators', title: 'indicators.heading', component: IndicatorsTab },
          {
            // Shown in the tabs only for a named engagement; the server refuses an aggregate one (403).
            path: 'certificates',
            title: 'audit.titles.certificates',
            component: CertificatesTab,
          },
        ],
      },
    ],
  },
] satisfies Routes;
