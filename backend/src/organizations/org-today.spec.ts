import { DataSource } from 'typeorm';
import { createDataSource } from '../database/data-source';
import { unique } from '../../test/helpers';

/** `org_today` (migration 1765300000000): the one definition of an organisation's calendar date. */
describe('org_today', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = createDataSource(process.env['DATABASE_URL']!);
    await ds.initialize();
  });
  afterAll(() => ds.destroy());

  const org = async (timeZone: string): Promise<string> =>
    (await ds.query(`INSERT INTO organizations (name, code, time_zone) VALUES ('Org', $1, $2) RETURNING id`, [unique('org'), timeZone]))[0].id;

  it('gives each organisation its own date at the same instant, at the moment given', async () => {
    const east = await org('Pacific/Kiritimati'); // UTC+14
    const west = await org('Pacific/Pago_Pago'); // UTC-11
    const jakarta = await org('Asia/Jakarta'); // UTC+7
    const at = '2026-03-10T12:30:00Z';
    const [row] = await ds.query(
      `SELECT to_char(org_today($1, $4), 'YYYY-MM-DD') AS east, to_char(org_today($2, $4), 'YYYY-MM-DD') AS west,
              to_char(org_today($3, '2026-03-10T16:59:59Z'), 'YYYY-MM-DD') AS before_midnight,
              to_char(org_today($3, '2026-03-10T17:00:00Z'), 'YYYY-MM-DD') AS after_midnight`,
      [east, west, jakarta, at],
    );
    expect(row).toEqual({ east: '2026-03-11', west: '2026-03-10', before_midnight: '2026-03-10', after_midnight: '2026-03-11' });
  });

  it('defaults to now and is null for an unknown organisation', async () => {
    const id = await org('Asia/Makassar');
    const [row] = await ds.query(
      `SELECT org_today($1) = (now() AT TIME ZONE 'Asia/Makassar')::date AS same, org_today(gen_random_uuid()) AS unknown`,
      [id],
    );
    expect(row).toEqual({ same: true, unknown: null });
  });
});
