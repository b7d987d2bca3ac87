import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { APP_CONFIG, type AppConfig } from '../config/config';

/**
 * The PostgreSQL-backed job queue (pg-boss 10, the last line for Node 20): any instance can pick a
 * job up, failed jobs are retried. pg-boss keeps its own tables in the `pgboss` schema, which it
 * creates and migrates itself.
 */
@Injectable()
export class JobsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private boss: PgBoss | null = null;
  private started: Promise<PgBoss> | null = null;
  /** This instance's workers per queue, woken when this instance sends to their queue. */
  private readonly workers = new Map<string, string[]>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onModuleInit(): Promise<void> {
    return this.start().then(() => undefined);
  }

  private start(): Promise<PgBoss> {
    this.started ??= (async () => {
      const boss = new PgBoss({ connectionString: this.config.databaseUrl!, schema: 'pgboss', max: 4, application_name: 'aman-jobs' });
      boss.on('error', (error) => this.logger.error(`job queue: ${String(error)}`));
      await boss.start();
      this.boss = boss;
      return boss;
    })();
    return this.started;
  }

  async send(queue: string, data: object, options: PgBoss.SendOptions = {}): Promise<string | null> {
    const boss = await this.start();
    await boss.createQueue(queue).catch(() => undefined);
    const id = await boss.send(queue, data, { retryLimit: 2, retryDelay: 5, retryBackoff: true, expireInSeconds: 600, ...options });
    // A worker of this instance starts at once instead of at its next poll (up to 2 s later: a quarter
    // of an audit report's time); other instances still find the job by polling.
    if (!options.startAfter) for (const worker of this.workers.get(queue) ?? []) boss.notifyWorker(worker);
    return id;
  }

  async work<T extends object>(queue: string, handler: (data: T) => Promise<void>): Promise<void> {
    const boss = await this.start();
    await boss.createQueue(queue).catch(() => undefined);
    const worker = await boss.work<T>(queue, { pollingIntervalSeconds: this.config.env === 'test' ? 0.5 : 2 }, async (jobs) => {
      for (const job of jobs) await handler(job.data);
    });
    this.workers.set(queue, [...(this.workers.get(queue) ?? []), worker]);
  }

  /** A cron schedule kept by pg-boss, so one instance of many fires it. */
  async schedule(queue: string, cron: string): Promise<void> {
    const boss = await this.start();
    await boss.createQueue(queue).catch(() => undefined);
    await boss.schedule(queue, cron, {}, { tz: 'UTC' });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.boss?.stop({ graceful: true, wait: true, timeout: 10000 }).catch(() => undefined);
  }
}
