import { DataSource, type DataSourceOptions } from 'typeorm';
import { Foundation1764000000000 } from './migrations/1764000000000-foundation';
import { Learning1764100000000 } from './migrations/1764100000000-learning';
import { People1764200000000 } from './migrations/1764200000000-people';
import { Reporting1764300000000 } from './migrations/1764300000000-reporting';
import { AssignmentRules1764400000000 } from './migrations/1764400000000-assignment-rules';
import { Certificates1764500000000 } from './migrations/1764500000000-certificates';
import { Audit1764600000000 } from './migrations/1764600000000-audit';
import { ReportModuleCompletion1765200000000 } from './migrations/1765200000000-report-module-completion';
import { OrgToday1765300000000 } from './migrations/1765300000000-org-today';
import { AssignmentStatus1765310000000 } from './migrations/1765310000000-assignment-status';
import { AssignmentReasonSalts1765320000000 } from './migrations/1765320000000-assignment-reason-salts';
import { FindingLifecycle1765330000000 } from './migrations/1765330000000-finding-lifecycle';
import { OneTimeLinks1765000000000 } from './migrations/1765000000000-one-time-links';
import { Totp1765000000001 } from './migrations/1765000000001-totp';
import { AuditTrailIntegrity1765500000000 } from './migrations/1765500000000-audit-trail-integrity';
import { QuizDraws1765100000000 } from './migrations/1765100000000-quiz-draws';
import { QuizSubmission1765100000001 } from './migrations/1765100000001-quiz-submission';
import { LiveSession1765800000000 } from './migrations/1765800000000-live-session';
import { EngagementActive1765850000000 } from './migrations/1765850000000-engagement-active';
import { Surveys1766700000000 } from './migrations/1766700000000-surveys';
import { Indicators1766700000001 } from './migrations/1766700000001-indicators';
import { QuizSubmitOneStatement1766800000000 } from './migrations/1766800000000-quiz-submit-one-statement';
import { InteractiveLessons1766500000000 } from './migrations/1766500000000-interactive-lessons';
import { SatgasAudience1766600000000 } from './migrations/1766600000000-satgas-audience';
import { ReportChannel1766000000000 } from './migrations/1766000000000-report-channel';
import { CaseHandlerTotp1766000000001 } from './migrations/1766000000001-case-handler-totp';

import { RuleHiredAfter1766200000000 } from './migrations/1766200000000-rule-hired-after';
import { ExemptionUndos1766200000001 } from './migrations/1766200000001-exemption-undos';
import { EngagementEnded1766300000000 } from './migrations/1766300000000-engagement-ended';
import { AuditTrailViewer1767000000000 } from './migrations/1767000000000-audit-trail-viewer';
import { CertificateListIndexes1767100000000 } from './migrations/1767100000000-certificate-list-indexes';
import { MailTemplates1767200000000 } from './migrations/1767200000000-mail-templates';
import { QuizSubmitCost1767500000000 } from './migrations/1767500000000-quiz-submit-cost';
import { QuizSubmitResultInApp1767600000000 } from './migrations/1767600000000-quiz-submit-result-in-app';
/**
 * Migrations are listed as imported classes, not globs: the webpack bundle and ESM jest have no
 * source tree to scan (SETUP-NOTES).
 */
export const migrations = [
  Foundation1764000000000,
  Learning1764100000000,
  People1764200000000,
  Reporting1764300000000,
  AssignmentRules1764400000000,
  Certificates1764500000000,
  Audit1764600000000,
  ReportModuleCompletion1765200000000,
  OrgToday1765300000000,
  AssignmentStatus1765310000000,
  AssignmentReasonSalts1765320000000,
  FindingLifecycle1765330000000,
  AuditTrailIntegrity1765500000000,
  OneTimeLinks1765000000000,
  Totp1765000000001,
  QuizDraws1765100000000,
  QuizSubmission1765100000001,
  LiveSession1765800000000,
  EngagementActive1765850000000,
  Surveys1766700000000,
  Indicators1766700000001,
  QuizSubmitOneStatement1766800000000,
  InteractiveLessons1766500000000,
  SatgasAudience1766600000000,
  ReportChannel1766000000000,
  CaseHandlerTotp1766000000001,
  RuleHiredAfter1766200000000,
  ExemptionUndos1766200000001,
  EngagementEnded1766300000000,
  AuditTrailViewer1767000000000,
  CertificateListIndexes1767100000000,
  MailTemplates1767200000000,
  QuizSubmitCost1767500000000,
  QuizSubmitResultInApp1767600000000,
];

/** `poolSize`: the app's connections (DATABASE_POOL_SIZE); migrations and tools keep the default. */
export function dataSourceOptions(url: string, poolSize = 8): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [],
    migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    // Failed queries surface as exceptions, which the global filter logs once with context.
    logging: false,
    // A database that does not answer must fail a request in seconds (503), not hang it forever.
    extra: { max: poolSize, application_name: 'aman', connectionTimeoutMillis: 5000 },
  };
}

/** The one DataSource factory, used by the app, `npm run db:migrate` and the tests' global set-up. */
export function createDataSource(url: string): DataSource {
  return new DataSource(dataSourceOptions(url));
}

export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = createDataSource(url);
  await dataSource.initialize();
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
