import { Routes } from '@angular/router';
import { VerifyPage } from './verify-page';

/** Public: whoever is shown a certificate (or scans its QR code) can check it without an account. */
export default [
  { path: '', title: 'titles.verify', component: VerifyPage },
  { path: ':serial', title: 'titles.verify', component: VerifyPage },
] satisfies Routes;
