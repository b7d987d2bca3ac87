import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** What a client is told to wait before trying again while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down, in recovery)
  '53300', // too_many_connections
]);
/** node-postgres reports a lost or timed-out connection with a message and no code. */
const CONNECTION_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connect ECONNREFUSED/i;

interface MaybeDbError {
  code?: unknown;
  message?: unknown;
  errors?: unknown;
  driverError?: unknown;
}

/** Whether an error means "PostgreSQL cannot be reached", as opposed to a query it refused. */
export function isDatabaseUnreachable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const e = error as MaybeDbError;
  const code = typeof e.code === 'string' ? e.code : '';
  if (CONNECTION_CODES.has(code) || code.startsWith('08')) return true;
  if (typeof e.message === 'string' && CONNECTION_MESSAGES.test(e.message)) return true;
  // Node reports a refused connection to every address of a host as an AggregateError.
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnreachable(inner, depth + 1))) return true;
  return isDatabaseUnreachable(e.driverError, depth + 1);
}

/**
 * One outage, one log line: the first request that finds the database gone logs it, every other one
 * answers 503 quietly, and a probe every few seconds logs the recovery (the pool reconnects by
 * itself; the probe only tells the operator).
 */
@Injectable()
export class DatabaseOutage implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private downSince: number | null = null;
  private probe: NodeJS.Timeout | null = null;

  constructor(private readonly dataSource: DataSource) {}

  /** Records a failed request; logs only the first of an outage. */
  report(error: unknown): void {
    if (this.downSince !== null) return;
    this.downSince = Date.now();
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.error(`PostgreSQL is unreachable (${reason}); answering 503 until it is back`);
    this.probe = setInterval(() => void this.check(), 2000);
    this.probe.unref();
  }

  private async check(): Promise<void> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      return;
    }
    if (this.downSince === null) return;
    this.logger.log(`PostgreSQL is reachable again after ${Math.round((Date.now() - this.downSince) / 1000)} s`);
    this.downSince = null;
    if (this.probe) clearInterval(this.probe);
    this.probe = null;
  }

  onApplicationShutdown(): void {
    if (this.probe) clearInterval(this.probe);
    this.probe = null;
  }
}
