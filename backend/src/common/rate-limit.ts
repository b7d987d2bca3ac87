import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * A fixed-window rate limit kept in PostgreSQL, so it holds across instances. One upsert per hit.
 */
@Injectable()
export class RateLimiter {
  constructor(private readonly dataSource: DataSource) {}

  async hit(key: string, max: number, windowSeconds: number): Promise<void> {
    const [row] = await this.dataSource.query(
      `INSERT INTO rate_limits (key, hits, window_started_at) VALUES ($1, 1, now())
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN rate_limits.window_started_at > now() - make_interval(secs => $2) THEN rate_limits.hits + 1 ELSE 1 END,
         window_started_at = CASE WHEN rate_limits.window_started_at > now() - make_interval(secs => $2)
                                  THEN rate_limits.window_started_at ELSE now() END
       RETURNING hits, ceil(extract(epoch FROM window_started_at + make_interval(secs => $2) - now()))::int AS wait`,
      [key, windowSeconds],
    );
    if (row.hits > max) {
      throw new HttpException(
        { statusCode: 429, message: `Too many requests. Try again in ${Math.max(1, row.wait)} second(s).`, retryAfterSeconds: row.wait },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }
}
