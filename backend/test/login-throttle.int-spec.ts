import { DataSource } from 'typeorm';
import { createDataSource } from '../src/database/data-source';
import { LoginThrottleRepository } from '../src/identity/login-throttle.repository';
import { unique } from './helpers';

describe('LoginThrottleRepository under parallel guesses', () => {
  let dataSource: DataSource;
  let throttle: LoginThrottleRepository;
  beforeAll(async () => {
    // The app's pool size and acquisition time-out, so stacked lock waits show as they would in the app.
    dataSource = createDataSource(process.env['DATABASE_URL']!);
    await dataSource.initialize();
    throttle = new LoginThrottleRepository(dataSource);
  });
  afterAll(() => dataSource?.destroy());

  it('admits exactly the limit, with no deadlock or time-out, when 40 guesses arrive at once, round after round', async () => {
    // Refunds (refused guesses) race reservations on the same two rows. Before refunds locked in key
    // order, about half of these rounds hit a deadlock (40P01) and some a pool time-out.
    for (let round = 0; round < 10; round++) {
      const address = unique('address');
      const limits = [
        { key: `account:someone@example.org|address:${address}`, max: 5 },
        { key: `address:${address}`, max: 20 },
      ];
      const outcomes = await Promise.all(
        Array.from({ length: 40 }, () => throttle.reserveAttempt(limits, 15).then((wait) => (wait === 0 ? 'admitted' : 'refused'), (e) => String(e.code ?? e.message))),
      );
      expect(outcomes.filter((o) => o !== 'admitted' && o !== 'refused')).toEqual([]);
      expect(outcomes.filter((o) => o === 'admitted')).toHaveLength(5);
      const rows = await dataSource.query(`SELECT key, failures FROM login_failures WHERE key = ANY($1::text[]) ORDER BY key`, [limits.map((l) => l.key)]);
      // Refused guesses gave their reservations back: each row counts the 5 admitted only.
      expect(rows.map((r: { failures: number }) => r.failures)).toEqual([5, 5]);
    }
  }, 60_000);
});
