import { Routes } from '@angular/router';
import { CasePage } from './case-page';
import { ColleaguesPage } from './colleagues-page';
import { InboxPage } from './inbox-page';
import { PhoneReportPage } from './phone-report-page';

/** The recipients' side of the report channel: partner case handlers and Satgas members. */
export default [
  { path: '', title: 'titles.cases', component: InboxPage },
  {
    path: 'colleagues',
    title: 'titles.caseColleagues',
    component: ColleaguesPage,
  },
  { path: 'phone', title: 'cases.phone.heading', component: PhoneReportPage },
  { path: ':id', title: 'titles.case', component: CasePage },
] satisfies Routes;
