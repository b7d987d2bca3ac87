import 'reflect-metadata';
import { Logger, type INestApplication } from '@nestjs/common';
import { createApp, createLogger } from './bootstrap';
import { type AppConfig, ConfigError, loadConfig, withDatabaseUrl } from './config/config';
import { InvalidContentError } from './catalog/catalog.service';
import { formatProblems, interactiveProblems, loadContent, readingTimeProblems } from './catalog/content-loader';
import { benchCertificates } from './documents/bench-certificates';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './database/embedded-postgres';
import { prepareDatabase } from './database/roles';
import { DemoSeeder } from './demo/demo-seeder';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo/demo-data';
import { loadSurveys } from './surveys/survey-content';
import { LARGE_HR_EMAIL, LARGE_PASSWORD, LargeSeeder } from './reporting/large-seeder';

const COMMANDS = ['serve', 'migrate', 'seed:demo', 'content:check', 'bench:certificates', 'seed:large'] as const;
type Command = (typeof COMMANDS)[number];

/**
 * One entry point for the server and its operator commands, so the CLI uses exactly the app's
 * configuration and DataSource:
 *   node dist/backend/main.js [serve]     migrate, seed the demo when enabled, serve on PORT
 *   node dist/backend/main.js migrate     run pending migrations and exit
 *   node dist/backend/main.js seed:demo   migrate and put the demo data in (refused in production)
 *   node dist/backend/main.js seed:large  migrate and add the 100,000-person `large` organisation for benchmarks
 *   node dist/backend/main.js content:check   validate content/ and list every problem as file:line
 */
async function main(): Promise<void> {
  const command = (process.argv[2] ?? 'serve') as Command;
  if (!COMMANDS.includes(command)) throw new ConfigError(`Unknown command "${command}". Use one of: ${COMMANDS.join(', ')}`);
  let config = loadConfig();
  if (command === 'content:check') return checkContent(config);
  if (command === 'bench:certificates') {
    await benchCertificates(config, Number(process.argv[3] ?? 1000));
    process.exit(0);
  }
  const logger = new Logger('Aman');
  Logger.overrideLogger(createLogger(config));

  if ((command === 'seed:demo' || command === 'seed:large') && config.env === 'production' && !config.demoData) {
    throw new ConfigError('Refusing to seed demo accounts with NODE_ENV=production (set DEMO_DATA=true to insist).');
  }

  let embedded: EmbeddedDatabase | null = null;
  if (!config.databaseUrl) {
    const started = Date.now();
    embedded = await startEmbeddedPostgres(config.dataDir);
    config = withDatabaseUrl(config, embedded.url);
    logger.log(`embedded PostgreSQL started in ${Date.now() - started} ms (data in ${config.dataDir}/postgres)`);
  }
  let app: INestApplication | null = null;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: shutting down`);
    await app?.close().catch((e: unknown) => logger.error(String(e)));
    await embedded?.stop().catch((e: unknown) => logger.error(String(e)));
    process.exit(0);
  };
  // embedded-postgres registers exit hooks that end the process with 143 before the app has closed;
  // we own this process, so our handler alone stops the app first and PostgreSQL second.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    // Migrations as the owner role; the app itself runs as a role that owns nothing (database/roles.ts).
    const { ran, warning } = await prepareDatabase({
      migrationUrl: embedded?.ownerUrl ?? config.migrationDatabaseUrl ?? config.databaseUrl!,
      runtimeUrl: config.databaseUrl!,
    });
    logger.log(ran.length ? `migrations applied: ${ran.join(', ')}` : 'database schema is up to date');
    if (warning) logger.warn(warning);
    if (command === 'migrate') return;

    app = await createApp(config);
    await app.init(); // loads and validates the training content before anything uses it
    if (command === 'seed:demo' || config.demoData) {
      const { created } = await app.get(DemoSeeder).seed();
      logger.log(created ? 'demo data seeded' : 'demo data already present');
    }
    if (command === 'seed:demo') {
      printAccounts(config, logger);
      return;
    }
    if (command === 'seed:large') {
      const { created, ms } = await app.get(LargeSeeder).seed();
      logger.log(created ? `large organisation seeded in ${ms} ms` : 'large organisation already present');
      logger.log(`its HR admin: ${LARGE_HR_EMAIL} / ${LARGE_PASSWORD}`);
      return;
    }
    await app.listen(config.port, config.host);
    // From the node process's start (the build before it is not counted; scripts/bench-start.mjs times both).
    logger.log(`Aman is running at ${config.publicUrl} (API docs: ${config.publicUrl}/api/docs), ready ${process.uptime().toFixed(1)} s after the process started`);
    if (config.demoData) printAccounts(config, logger);
  } finally {
    if (command !== 'serve') {
      await app?.close();
      await embedded?.stop();
    }
  }
}

function checkContent(config: AppConfig): void {
  const { modules, problems } = loadContent(config.contentDir);
  problems.push(...readingTimeProblems(config.contentDir, modules));
  problems.push(...interactiveProblems(config.contentDir, modules));
  problems.push(...loadSurveys(config.contentDir).problems);
  if (problems.length) {
    console.error(`${problems.length} problem(s) in ${config.contentDir}:\n${formatProblems(problems)}`);
    // Explicit: embedded-postgres's exit hook would otherwise end the process with 0.
    process.exit(1);
  }
  console.log(`content OK: ${modules.length} modules (${modules.map((m) => `${m.slug}@${m.version.slice(0, 8)}`).join(', ')})`);
}

function printAccounts(config: AppConfig, logger: Logger): void {
  const lines = DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(22)} ${a.role}`);
  logger.log(`demo accounts (password "${DEMO_PASSWORD}"), sign in at ${config.publicUrl}/login:\n${lines.join('\n')}`);
}

main().catch((error: unknown) => {
  // Configuration problems are the operator's to fix: say them plainly, without a stack.
  console.error(error instanceof ConfigError || error instanceof InvalidContentError ? error.message : error);
  process.exit(1);
});
