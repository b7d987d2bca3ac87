import { Routes } from '@angular/router';
import { CasePage } from './case-page';
import { InboxPage } from './inbox-page';

/** The recipients' side of the report channel: partner case handlers and Satgas members. */
export default [
  { path: '', title: 'titles.cases', component: InboxPage },
  { path: ':id', title: 'titles.case', component: CasePage },
] satisfies Routes;
