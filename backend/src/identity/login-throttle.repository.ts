import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Failed sign-ins counted in PostgreSQL, so the limit holds across every instance behind a load
 * balancer. A fixed window per key: one upsert reserves each attempt (see reserveAttempt). Kept here
 * rather than in a rate-limiter library because the table is ours (migrations only) and the logic
 * is one statement.
 */
@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Reserves one attempt on every key before the password is checked, in one statement: the row lock
   * of the upsert serialises concurrent attempts (across instances too), so with a limit of 5 at
   * most 5 attempts in a window ever reach the password check, however many arrive at once. Returns
   * 0 when the attempt may go ahead, else the seconds until the first key over its limit frees up.
   * A refused attempt and a successful sign-in give their reservation back (release).
   */
  async reserveAttempt(limits: { key: string; max: number }[], windowMinutes: number): Promise<number> {
    const rows: { key: string; failures: number; wait: number }[] = await this.dataSource.query(
      `INSERT INTO login_failures (key, failures, window_started_at)
       SELECT k, 1, now() FROM unnest($1::text[]) AS k ORDER BY k
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN login_failures.window_started_at > now() - make_interval(mins => $2)
                         THEN login_failures.failures + 1 ELSE 1 END,
         window_started_at = CASE WHEN login_failures.window_started_at > now() - make_interval(mins => $2)
                                  THEN login_failures.window_started_at ELSE now() END
       RETURNING key, failures, ceil(extract(epoch FROM window_started_at + make_interval(mins => $2) - now()))::int AS wait`,
      [limits.map((l) => l.key), windowMinutes],
    );
    const max = new Map(limits.map((l) => [l.key, l.max]));
    const over = rows.filter((r) => r.failures > (max.get(r.key) ?? Infinity));
    if (!over.length) return 0;
    // A refused attempt checks no password: give its reservations back, so that hammering a blocked
    // account does not also use up the address's allowance (the count stays conservative meanwhile).
    await this.release(limits.map((l) => l.key));
    return Math.max(1, ...over.map((r) => r.wait));
  }

  /**
   * Gives back a reservation (a refused attempt, or a successful sign-in). The rows are locked in key
   * order, as reserveAttempt's upsert locks them: a plain `UPDATE … WHERE key = ANY(…)` locks in scan
   * order, and a refund locking the address row while a reservation holds the account row deadlocked
   * under parallel guesses (PostgreSQL broke each cycle after a second, and the waits stacked into
   * pool time-outs, i.e. 500s and 503s for an attacker to provoke).
   */
  async release(keys: string[]): Promise<void> {
    await this.dataSource.query(
      `UPDATE login_failures f SET failures = f.failures - 1
       FROM (SELECT key FROM login_failures WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE) locked
       WHERE f.key = locked.key AND f.failures > 0`,
      [keys],
    );
  }

  async clear(key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_failures WHERE key = $1`, [key]);
  }
}
