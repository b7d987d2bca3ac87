import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Failed sign-ins counted in PostgreSQL, so the limit holds across every instance behind a load
 * balancer. A fixed window per key: one upsert per failure, one indexed read per attempt. Kept here
 * rather than in a rate-limiter library because the table is ours (migrations only) and the logic
 * is one statement.
 */
@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Seconds until the first of these keys that is over its limit frees up, or 0. */
  async retryAfter(limits: { key: string; max: number }[], windowMinutes: number): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT COALESCE(max(ceil(extract(epoch FROM (f.window_started_at + make_interval(mins => $3)) - now()))), 0)::int AS wait
         FROM login_failures f JOIN unnest($1::text[], $2::int[]) AS l(key, max) ON l.key = f.key
        WHERE f.failures >= l.max AND f.window_started_at > now() - make_interval(mins => $3)`,
      [limits.map((l) => l.key), limits.map((l) => l.max), windowMinutes],
    );
    return Math.max(0, row.wait);
  }

  async recordFailure(keys: string[], windowMinutes: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO login_failures (key, failures, window_started_at)
       SELECT k, 1, now() FROM unnest($1::text[]) AS k
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN login_failures.window_started_at > now() - make_interval(mins => $2)
                         THEN login_failures.failures + 1 ELSE 1 END,
         window_started_at = CASE WHEN login_failures.window_started_at > now() - make_interval(mins => $2)
                                  THEN login_failures.window_started_at ELSE now() END`,
      [keys, windowMinutes],
    );
  }

  async clear(key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_failures WHERE key = $1`, [key]);
  }
}
