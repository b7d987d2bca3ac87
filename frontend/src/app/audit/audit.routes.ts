import { Routes } from '@angular/router';
import { EngagementsPage } from './engagements-page';

export default [
  { path: '', title: 'titles.audit', component: EngagementsPage },
] satisfies Routes;
