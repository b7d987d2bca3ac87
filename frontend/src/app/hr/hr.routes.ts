import { Routes } from '@angular/router';
import { HrLayout } from './hr-layout';
import { OutboxPage } from './outbox-page';
import { PeoplePage } from './people-page';
import { UnitsPage } from './units-page';

export default [
  {
    path: '',
    component: HrLayout,
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'people' },
      { path: 'people', title: 'titles.hrPeople', component: PeoplePage },
      { path: 'units', title: 'titles.hrUnits', component: UnitsPage },
      { path: 'outbox', title: 'titles.hrOutbox', component: OutboxPage },
    ],
  },
] satisfies Routes;
