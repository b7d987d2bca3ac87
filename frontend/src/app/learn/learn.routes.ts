import { Routes } from '@angular/router';
import { LearnHome } from './learn-home';

export default [
  { path: '', title: 'titles.learn', component: LearnHome },
] satisfies Routes;
