import { QueryFailedError } from 'typeorm';
import { preparedQuery } from '../src/database/prepared-query';
import { api, createPlatformAdmin, login, PASSWORD, startTestApp, type TestApp } from './helpers';

/** The hot queries as named prepared statements, on the pool or on a transaction's own connection. */
describe('preparedQuery', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('runs on the transaction’s own connection, where that connection keeps the statement', async () => {
    const text = `SELECT count(*)::int AS n FROM pg_temp.seen WHERE v = $1`;
    await t.dataSource.transaction(async (m) => {
      // A temporary table exists on this connection only: another pooled connection could not read it.
      await m.query(`CREATE TEMPORARY TABLE seen (v text) ON COMMIT DROP`);
      await m.query(`INSERT INTO pg_temp.seen VALUES ('a'), ('a'), ('b')`);
      expect(await preparedQuery(m, 'test.seen', text, ['a'])).toEqual([{ n: 2 }]);
      expect(await preparedQuery(m, 'test.seen', text, ['b'])).toEqual([{ n: 1 }]);
      const names = (await m.query(`SELECT name FROM pg_prepared_statements`)).map((r: { name: string }) => r.name);
      expect(names).toContain('test.seen');
    });
  });

  it('refuses a second text under a name already used, before running either', async () => {
    await preparedQuery(t.dataSource, 'test.one-name', `SELECT 1 AS n`, []);
    await expect(preparedQuery(t.dataSource, 'test.one-name', `SELECT 2 AS n`, [])).rejects.toThrow('Prepared statement "test.one-name" is already used for another query');
  });

  it('answers from the pool without a transaction, and fails as TypeORM’s QueryFailedError with the driver’s code', async () => {
    expect(await preparedQuery(t.dataSource, 'test.plus-one', `SELECT $1::int + 1 AS n`, [41])).toEqual([{ n: 42 }]);
    const failure = await preparedQuery(t.dataSource, 'test.divide', `SELECT 1 / $1::int AS n`, [0]).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe('22012'); // division_by_zero
    expect(failure).toMatchObject({ query: `SELECT 1 / $1::int AS n`, parameters: [0] });
  });

  it('is how a bearer token’s session is looked up: the app’s connections hold that statement', async () => {
    const user = await createPlatformAdmin(t.dataSource);
    const token = await login(t.url, user.email, PASSWORD);
    for (let i = 0; i < 3; i++) expect((await api(t.url, 'GET', '/api/me', { token })).status).toBe(200);
    // pg_prepared_statements lists the asking connection's statements only: hold every connection of
    // the app's pool at once, each reading its own list.
    const size = (t.dataSource.driver as unknown as { master: { options: { max: number } } }).master.options.max;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const lists: Promise<{ statement: string }[]>[] = [];
    const transactions = Array.from({ length: size }, () =>
      t.dataSource.transaction(async (m) => {
        const list = m.query(`SELECT statement FROM pg_prepared_statements`);
        lists.push(list);
        await list;
        await held;
      }),
    );
    while (lists.length < size) await new Promise((r) => setTimeout(r, 10));
    const statements = (await Promise.all(lists)).flat().map((r) => r.statement);
    release();
    await Promise.all(transactions);
    expect(statements.some((s) => s.includes('FROM live_session($1) l JOIN users u'))).toBe(true);
  });
});
