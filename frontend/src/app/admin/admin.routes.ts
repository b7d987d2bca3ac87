import { Routes } from '@angular/router';
import { AdminLayout } from './admin-layout';
import { EngagementFormPage } from './engagement-form-page';
import { InvitationsPage } from './invitations-page';
import { OrganizationsPage } from './organizations-page';
import { PartnersPage } from './partners-page';

export default [
  {
    path: '',
    component: AdminLayout,
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'organizations' },
      {
        path: 'organizations',
        title: 'titles.adminOrganizations',
        component: OrganizationsPage,
      },
      {
        path: 'partners',
        title: 'titles.adminPartners',
        component: PartnersPage,
      },
      {
        path: 'invitations',
        title: 'invitations.heading',
        component: InvitationsPage,
      },
      {
        path: 'engagements',
        title: 'titles.adminEngagements',
        component: EngagementFormPage,
      },
    ],
  },
] satisfies Routes;
