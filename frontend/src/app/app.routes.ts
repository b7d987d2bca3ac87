import { Routes } from '@angular/router';
import { authGuard } from './core/guards/auth-guard';
import { landingGuard } from './core/guards/landing-guard';
import { roleGuard } from './core/guards/role-guard';

/** Route titles are translation keys (see TranslatedTitleStrategy). */
export const appRoutes: Routes = [
  {
    path: 'login',
    title: 'titles.login',
    loadComponent: () => import('./auth/login-page').then((m) => m.LoginPage),
  },
  {
    path: 'forgot-password',
    title: 'titles.forgotPassword',
    loadComponent: () =>
      import('./auth/forgot-password-page').then((m) => m.ForgotPasswordPage),
  },
  {
    path: 'set-password',
    title: 'titles.setPassword',
    loadComponent: () =>
      import('./auth/set-password-page').then((m) => m.SetPasswordPage),
  },
  {
    path: 'privacy',
    title: 'titles.privacy',
    loadComponent: () =>
      import('./privacy/privacy-page').then((m) => m.PrivacyPage),
  },
  {
    path: 'verify',
    loadChildren: () => import('./verify/verify.routes'),
  },
  {
    path: 'report',
    loadChildren: () => import('./report/report.routes'),
  },
  {
    path: '',
    canActivate: [authGuard],
    children: [
      {
        path: '',
        pathMatch: 'full',
        canActivate: [landingGuard],
        children: [],
      },
      {
        path: 'learn',
        canActivate: [roleGuard(['employee'])],
        loadChildren: () => import('./learn/learn.routes'),
      },
      {
        path: 'hr',
        canActivate: [roleGuard(['hr_admin'])],
        loadChildren: () => import('./hr/hr.routes'),
      },
      {
        path: 'audit',
        canActivate: [roleGuard(['auditor'])],
        loadChildren: () => import('./audit/audit.routes'),
      },
      {
        path: 'admin',
        canActivate: [roleGuard(['platform_admin'])],
        loadChildren: () => import('./admin/admin.routes'),
      },
      {
        // Satgas members are employees chosen by HR: they reach their cases by link; the API
        // answers anyone else with an empty list and 404s.
        path: 'cases',
        canActivate: [roleGuard(['case_handler', 'employee'])],
        loadChildren: () => import('./cases/cases.routes'),
      },
      {
        path: 'account',
        title: 'account.title',
        loadComponent: () =>
          import('./account/account-page').then((m) => m.AccountPage),
      },
      {
        path: 'no-access',
        title: 'titles.noAccess',
        loadComponent: () =>
          import('./core/layout/no-access-page').then((m) => m.NoAccessPage),
      },
    ],
  },
  {
    path: '**',
    title: 'titles.notFound',
    loadComponent: () =>
      import('./core/layout/not-found-page').then((m) => m.NotFoundPage),
  },
];
