import { Routes } from '@angular/router';
import { FollowUpPage } from './follow-up-page';
import { ReportPage } from './report-page';

/**
 * Public, no account: the confidential report form of an organisation and the follow-up with a
 * receipt. `bare` drops the site header and footer: the page starts with "Leave quickly".
 */
export default [
  {
    path: 'follow-up',
    title: 'titles.reportFollowUp',
    data: { bare: true },
    component: FollowUpPage,
  },
  {
    path: ':orgCode',
    title: 'titles.report',
    data: { bare: true },
    component: ReportPage,
  },
] satisfies Routes;
