import { createPublicKey, generateKeyPairSync, randomUUID, sign, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrailService } from '../src/audit-trail/audit-trail.service';
import { entryHash, entryHashOfForm, GENESIS_HASH, redactEntry, type Salts } from '../src/audit-trail/canonical';
import { headStatementBytes, keyIdOf } from '../src/audit/signing-keys.service';
import { hashPassword } from '../src/identity/crypto';
import { addPerson, api, createPlatformAdmin, login, onboardOrganization, PASSWORD, startTestApp, unique, type TestApp, type TestOrg, adminDataSource } from './helpers';

interface ChainRow {
  seq: string;
  chain_id: string;
  at: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: unknown;
  prev_hash: string;
  hash: string;
  form: 1 | 2;
  salts: Salts | null;
}

const CHAIN_ROWS = `SELECT c.seq, c.chain_id, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, e.actor_id,
            e.action, e.target_type, e.target_id, e.details, c.prev_hash, c.hash, c.salts,
            CASE WHEN c.seq >= f.v2_from_seq THEN 2 ELSE 1 END AS form
       FROM audit_chain c JOIN audit_entries e ON e.id = c.entry_id LEFT JOIN audit_chain_forms f ON f.chain_id = c.chain_id
      WHERE c.chain_id = $1 ORDER BY c.seq`;

function rowHash(r: ChainRow, prevHash: string): string {
  const entry = { seq: Number(r.seq), chainId: r.chain_id, at: r.at, actorId: r.actor_id, action: r.action, targetType: r.target_type, targetId: r.target_id, details: r.details, prevHash };
  return entryHashOfForm(entry, r.form, r.salts);
}

/** Recomputes the chain from the stored entries the way an auditor would. */
async function verifyChain(dataSource: DataSource | EntityManager, chainId: string): Promise<{ entries: number; firstBroken: number | null }> {
  const rows: ChainRow[] = await dataSource.query(CHAIN_ROWS, [chainId]);
  let prev = GENESIS_HASH;
  for (const [i, r] of rows.entries()) {
    const seq = Number(r.seq);
    if (seq !== i + 1 || r.prev_hash !== prev || r.hash !== rowHash(r, prev)) return { entries: rows.length, firstBroken: seq };
    prev = r.hash;
  }
  return { entries: rows.length, firstBroken: null };
}

describe('audit trail core', () => {
  let t: TestApp;
  let org: TestOrg;
  let sut: AuditTrailService;

  beforeAll(async () => {
    t = await startTestApp();
    sut = t.app.get(AuditTrailService);
    const admin = await createPlatformAdmin(t.dataSource);
    org = await onboardOrganization(t.url, await login(t.url, admin.email, PASSWORD));
  });
  afterAll(() => t.close());

  it('is refused UPDATE, DELETE and TRUNCATE by its triggers, even for the superuser', async () => {
    await sut.sequenceNow();
    const [entry] = await t.dataSource.query(`SELECT id FROM audit_entries WHERE organization_id = $1 LIMIT 1`, [org.id]);
    // The runtime role is stopped earlier, by its grants (edges.int-spec, "database roles"); the
    // triggers are what stops the owner and the superuser, so they are tried as the superuser. Each
    // attempt runs in a savepoint of a transaction that is rolled back, so a trigger that let one
    // through would change nothing that other tests read.
    const admin = await adminDataSource();
    const runner = admin.createQueryRunner();
    await runner.startTransaction();
    try {
      const refused = async (sql: string, params: unknown[] = []) => {
        await runner.query('SAVEPOINT attempt');
        await expect(runner.query(sql, params)).rejects.toThrow(/append-only/);
        await runner.query('ROLLBACK TO SAVEPOINT attempt');
      };
      await refused(`UPDATE audit_entries SET action = 'x' WHERE id = $1`, [entry.id]);
      await refused(`DELETE FROM audit_entries WHERE id = $1`, [entry.id]);
      await refused(`TRUNCATE audit_entries CASCADE`);
      await refused(`UPDATE audit_chain SET hash = 'x' WHERE entry_id = $1`, [entry.id]);
      await refused(`DELETE FROM audit_chain WHERE entry_id = $1`, [entry.id]);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
      await admin.destroy();
    }
  });

  it('refuses an append outside a transaction and records nothing from a rolled-back one', async () => {
    expect(() => sut.append(t.dataSource.manager, { organizationId: org.id, actorId: null, action: 'x' })).toThrow(/inside/);
    await expect(
      t.dataSource.transaction(async (m) => {
        await sut.append(m, { organizationId: org.id, actorId: null, action: 'test.rolled_back' });
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    const rows = await t.dataSource.query(`SELECT 1 FROM audit_entries WHERE action = 'test.rolled_back'`);
    expect(rows).toHaveLength(0);
  });

  it('chains entries per organisation with seq, prev hash and sha256 of the canonical form', async () => {
    await sut.sequenceNow();
    const before = await verifyChain(t.dataSource, org.id);
    expect(before.firstBroken).toBeNull();
    expect(before.entries).toBeGreaterThanOrEqual(3); // onboarded, roles, login
    await expect(t.dataSource.query(`SELECT count(*)::int AS n FROM audit_pending WHERE chain_id = $1`, [org.id])).resolves.toEqual([{ n: 0 }]);
  });

  it('keeps a valid chain after 50 concurrent actions and two sequencers racing', async () => {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.dataSource.transaction((m) =>
          sut.append(m, { organizationId: org.id, actorId: null, action: 'test.concurrent', details: { i, nested: { b: 2, a: 1 } } }),
        ),
      ),
    );
    const other = await startTestApp();
    try {
      await Promise.all([sut.sequenceNow(), other.app.get(AuditTrailService).sequenceNow(), sut.sequenceNow()]);
      await sut.sequenceNow();
    } finally {
      await other.close();
    }
    const result = await verifyChain(t.dataSource, org.id);
    expect(result.firstBroken).toBeNull();
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE organization_id = $1`, [org.id]);
    expect(result.entries).toBe(n);
  });

  it('detects an edited entry when the protection is lifted (as an attacker with superuser would)', async () => {
    await sut.sequenceNow();
    const [victim] = await t.dataSource.query(
      `SELECT c.seq, e.id FROM audit_chain c JOIN audit_entries e ON e.id = c.entry_id WHERE c.chain_id = $1 ORDER BY c.seq OFFSET 2 LIMIT 1`,
      [org.id],
    );
    // The app's role cannot lift the protection (database roles): the superuser can.
    const admin = await adminDataSource();
    await admin.transaction(async (m) => {
      await m.query(`ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only`);
      await m.query(`UPDATE audit_entries SET details = '{"tampered": true}' WHERE id = $1`, [victim.id]);
      const rows = await m.query(`SELECT details FROM audit_entries WHERE id = $1`, [victim.id]);
      expect(rows[0].details).toEqual({ tampered: true });
      // Verify inside the transaction (the edit is visible only here), then roll everything back.
      await expect(verifyChain(m, org.id)).resolves.toMatchObject({ firstBroken: Number(victim.seq) });
      throw new Error('rollback');
    }).catch((e: Error) => expect(e.message).toBe('rollback'));
    await admin.destroy();
    await expect(verifyChain(t.dataSource, org.id)).resolves.toMatchObject({ firstBroken: null });
  });
});

/** An auditor of a new partner with an engagement of the given scope, signed in. */
async function engagedAuditor(t: TestApp, adminToken: string, organizationId: string, scope: 'aggregate' | 'named') {
  const partner = await api(t.url, 'POST', '/api/partners', { token: adminToken, body: { name: unique('Mitra') } });
  const email = `${unique('auditor')}@mitra.test`;
  const auditor = await api(t.url, 'POST', `/api/partners/${partner.body.id}/auditors`, { token: adminToken, body: { email, name: 'Auditor' } });
  await t.dataSource.query(`UPDATE users SET password_hash = $1 WHERE id = $2`, [await hashPassword(PASSWORD), auditor.body.id]);
  const engagement = await api(t.url, 'POST', '/api/engagements', {
    token: adminToken,
    body: { partnerId: partner.body.id, organizationId, periodStart: '2026-01-01', periodEnd: '2099-12-31', scope },
  });
  expect(engagement.status).toBe(201);
  return { id: auditor.body.id as string, token: await login(t.url, email, PASSWORD) };
}

/** An entry as the API publishes it, in any of its three shapes. */
interface EntryJson {
  seq: number;
  at: string;
  form: 1 | 2;
  action: string;
  actorId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  details?: Record<string, unknown>;
  salts?: Salts | null;
  redacted?: string[];
  prevHash: string;
  hash: string;
}

async function allEntries(t: TestApp, token: string, orgId: string): Promise<EntryJson[]> {
  const all: EntryJson[] = [];
  for (let after = 0; ; ) {
    const res = await api(t.url, 'GET', `/api/organizations/${orgId}/audit-log/entries?afterSeq=${after}&limit=1000`, { token });
    expect(res.status).toBe(200);
    if (res.body.length === 0) return all;
    all.push(...res.body);
    after = res.body[res.body.length - 1].seq;
  }
}

describe('aggregate means aggregate: redacted entries that still recompute', () => {
  let t: TestApp;
  let adminToken: string;
  let orgId: string;
  let person: { id: string; email: string };
  const serial = 'ABCD-EFGH-JKMN-PQRS-TVWX';

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t.dataSource);
    adminToken = await login(t.url, admin.email, PASSWORD);
    // An organisation whose chain began before form v2: its first two entries are hashed in form 1,
    // as the migration leaves every chain that existed then. The cut-over is recorded before any
    // entry exists, so no sequencer of a parallel test can chain them first.
    orgId = randomUUID();
    const code = unique('old').toLowerCase();
    await t.dataSource.query(`INSERT INTO organizations (id, name, code) VALUES ($1, $2, $3)`, [orgId, `Org ${code}`, code]);
    await t.dataSource.query(`INSERT INTO audit_chain_forms (chain_id, v2_from_seq) VALUES ($1, 3)`, [orgId]);
    person = await addPerson(t.dataSource, orgId, { name: 'Siti Rahma', password: true });
    const trail = t.app.get(AuditTrailService);
    // The shapes the services append, with the personal values an aggregate reader must not see.
    const personal = (m: EntityManager) => [
      trail.append(m, { organizationId: orgId, actorId: person.id, action: 'learning.attempt_submitted', targetType: 'quiz_attempt', targetId: randomUUID(), details: { module: 'recognising-harassment', version: 'v1', score: 0.45, passed: false } }),
      trail.append(m, { organizationId: orgId, actorId: null, action: 'certificate.issued', targetType: 'certificate', targetId: serial, details: { module: 'recognising-harassment', version: 'v1' } }),
    ];
    await t.dataSource.transaction(async (m) => {
      for (const p of personal(m)) await p;
    });
    await trail.sequenceNow();
    await t.dataSource.transaction(async (m) => {
      for (const p of personal(m)) await p;
      await trail.append(m, { organizationId: orgId, actorId: person.id, action: 'assignment.due_extended', targetType: 'assignment', targetId: randomUUID(), details: { userId: person.id, module: 'x', from: '2026-12-01', to: '2026-12-31', reason: 'sick leave, hospital' } });
    });
    // A real sign-in of the person: auth.login with the person as actor.
    await login(t.url, person.email, PASSWORD);
    await trail.sequenceNow();
  });
  afterAll(() => t.close());

  it('gives an aggregate auditor no user id, serial, score or free text, yet every hash recomputes', async () => {
    const aggregate = await engagedAuditor(t, adminToken, orgId, 'aggregate');
    await allEntries(t, aggregate.token, orgId); // its reads are entries too (auditor.read, with the path)
    await t.app.get(AuditTrailService).sequenceNow();
    const entries = await allEntries(t, aggregate.token, orgId);
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['auth.login', 'engagement.created', 'auditor.read']));
    const text = JSON.stringify(entries);
    for (const secret of [person.id, person.email, 'Siti Rahma', aggregate.id, serial, '0.45', 'hospital', '"salts"']) expect(text).not.toContain(secret);

    let prev = GENESIS_HASH;
    let recomputed = 0;
    for (const e of entries) {
      expect(e.prevHash).toBe(prev);
      if (e.form === 1) {
        // Before the cut-over: the place in the chain only.
        expect(Object.keys(e).sort()).toEqual(['action', 'at', 'form', 'hash', 'prevHash', 'seq']);
      } else {
        // The documented v1 formula applied to the entry as received: nothing else is needed.
        expect(entryHash({ ...e, chainId: orgId, prevHash: prev } as never)).toBe(e.hash);
        recomputed++;
      }
      prev = e.hash;
    }
    expect(entries.filter((e) => e.form === 1).map((e) => e.seq)).toEqual([1, 2]);
    expect(recomputed).toBe(entries.length - 2);
    const attempt = entries.find((e) => e.form === 2 && e.action === 'learning.attempt_submitted') as Required<EntryJson>;
    expect(attempt.actorId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(attempt.details).toMatchObject({ module: 'recognising-harassment', score: expect.stringMatching(/^sha256:/), passed: expect.stringMatching(/^sha256:/) });
    expect(attempt.redacted.sort()).toEqual(['/actorId', '/details/passed', '/details/score', '/targetId']);
    const extension = entries.find((e) => e.action === 'assignment.due_extended') as Required<EntryJson>;
    expect(extension.details.reason).toMatch(/^sha256:/);
    expect(extension.details.to).toBe('2026-12-31');
    // Each value has its own salt: the same person is not recognisable across entries.
    const actorDigests = entries.filter((e) => e.form === 2 && e.actorId?.startsWith('sha256:')).map((e) => e.actorId);
    expect(actorDigests.length).toBeGreaterThanOrEqual(4);
    expect(new Set(actorDigests).size).toBe(actorDigests.length);

    const verify = await api(t.url, 'GET', `/api/organizations/${orgId}/audit-log/verify`, { token: aggregate.token });
    expect(verify.body).toMatchObject({ valid: true, firstBrokenAt: null });
  });

  it('gives a named auditor the values and the salts, from which it recomputes the same hashes', async () => {
    const named = await engagedAuditor(t, adminToken, orgId, 'named');
    const entries = await allEntries(t, named.token, orgId);
    const attempts = entries.filter((e) => e.action === 'learning.attempt_submitted');
    expect(attempts.map((e) => [e.form, e.actorId, e.details?.score])).toEqual([
      [1, person.id, 0.45],
      [2, person.id, 0.45],
    ]);
    expect(entries.filter((e) => e.action === 'certificate.issued').map((e) => e.targetId)).toEqual([serial, serial]);
    let prev = GENESIS_HASH;
    for (const e of entries) {
      const entry = { ...e, chainId: orgId, prevHash: prev } as never;
      if (e.form === 1) expect(e.salts).toBeNull();
      else expect(Object.values(e.salts as Salts).every((s) => /^[0-9a-f]{32}$/.test(s))).toBe(true);
      expect(e.form === 1 ? entryHash(entry) : entryHash(redactEntry(entry, e.salts ?? {}))).toBe(e.hash);
      prev = e.hash;
    }
  });
});

/** What a superuser would do: edit one entry and re-hash everything after it, so the chain verifies again. */
async function rewriteChain(dataSource: DataSource, chainId: string, seq: number, details: object): Promise<string> {
  return dataSource.transaction(async (m) => {
    await m.query(`ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only`);
    await m.query(`ALTER TABLE audit_chain DISABLE TRIGGER audit_chain_append_only`);
    await m.query(`UPDATE audit_entries SET details = $3 WHERE id = (SELECT entry_id FROM audit_chain WHERE chain_id = $1 AND seq = $2)`, [chainId, seq, JSON.stringify(details)]);
    const rows: ChainRow[] = await m.query(CHAIN_ROWS, [chainId]);
    let prev = GENESIS_HASH;
    for (const r of rows) {
      if (Number(r.seq) >= seq) {
        const hash = rowHash(r, prev);
        await m.query(`UPDATE audit_chain SET prev_hash = $3, hash = $4 WHERE chain_id = $1 AND seq = $2`, [chainId, r.seq, prev, hash]);
        r.hash = hash;
      }
      prev = r.hash;
    }
    await m.query(`ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only`);
    await m.query(`ALTER TABLE audit_chain ENABLE TRIGGER audit_chain_append_only`);
    return prev;
  });
}

async function waitForReport(t: TestApp, token: string, orgId: string, id: string) {
  for (let i = 0; i < 120; i++) {
    const list = await api(t.url, 'GET', `/api/organizations/${orgId}/audit-reports`, { token });
    const report = list.body.find((r: { id: string }) => r.id === id);
    if (report?.status === 'done' || report?.status === 'failed') return report;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the report was not generated in time');
}

describe('a rewritten chain is caught by the signed heads of earlier reports', () => {
  let t: TestApp;
  let org: TestOrg;
  let reportId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await createPlatformAdmin(t.dataSource);
    org = await onboardOrganization(t.url, await login(t.url, admin.email, PASSWORD));
    await t.app.get(AuditTrailService).sequenceNow();
    const queued = await api(t.url, 'POST', `/api/organizations/${org.id}/audit-reports`, { token: org.hrToken, body: { periodStart: '2026-01-01', periodEnd: '2026-12-31', lang: 'en' } });
    expect(queued.status).toBe(202);
    const report = await waitForReport(t, org.hrToken, org.id, queued.body.id);
    expect(report.status).toBe('done');
    reportId = report.id;
    await t.app.get(AuditTrailService).sequenceNow();
  }, 120000);
  afterAll(() => t.close());

  it('checks heads with keys from files only: after a rotation, old reports need their public key in AUDIT_TRUSTED_KEYS_DIR', async () => {
    const keys = mkdtempSync(join(tmpdir(), 'aman-keys-'));
    const newKey = join(keys, 'signing-2027.pem');
    writeFileSync(newKey, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const trusted = mkdtempSync(join(tmpdir(), 'aman-trusted-'));
    const check = async (trustedDir: string) => {
      const rotated = await startTestApp({ AUDIT_SIGNING_KEY_FILE: newKey, AUDIT_TRUSTED_KEYS_DIR: trustedDir });
      try {
        return (await api(rotated.url, 'GET', `/api/organizations/${org.id}/audit-log/verify`, { token: org.hrToken })).body;
      } finally {
        await rotated.close();
      }
    };
    try {
      // The old key is published in the database as retired, but that row is not trusted.
      await expect(check(trusted)).resolves.toMatchObject({ valid: false, anchors: { checked: 1, mismatched: [reportId] } });
      // The operator lists the old public key (openssl pkey -pubout) in the trusted directory.
      const oldKey = createPublicKey(readFileSync(join(process.env['TEST_DATA_DIR'] ?? '.data', 'keys', 'audit-signing-key.pem')));
      writeFileSync(join(trusted, 'audit-2026.pub.pem'), oldKey.export({ type: 'spki', format: 'pem' }));
      writeFileSync(join(trusted, 'notes.pem'), 'not a key');
      await expect(check(trusted)).resolves.toMatchObject({ valid: true, anchors: { checked: 1, mismatched: [] } });
    } finally {
      // Back to the suite's own key as the current one for the other tests.
      await (await startTestApp()).close();
    }
  });

  it('checks every signed head: valid before, valid:false naming the report after a superuser re-hashes the chain', async () => {
    // HR reads its own trail in full: values and salts.
    const hrView = await api(t.url, 'GET', `/api/organizations/${org.id}/audit-log/entries`, { token: org.hrToken });
    const loginEntry = hrView.body.find((e: EntryJson) => e.action === 'auth.login');
    expect(loginEntry.actorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Object.keys(loginEntry.salts)).toEqual(expect.arrayContaining(['/actorId', '/targetId']));
    const before = await api(t.url, 'GET', `/api/organizations/${org.id}/audit-log/verify`, { token: org.hrToken });
    expect(before.body).toMatchObject({ valid: true, firstBrokenAt: null, anchors: { checked: 1, mismatched: [], unsigned: 0 } });
    const check = await api(t.url, 'GET', `/api/audit-reports/${reportId}/verify`, { token: org.hrToken });
    expect(JSON.parse(check.body.headStatement)).toEqual({
      type: 'aman.audit-report-head',
      organizationId: org.id,
      reportId,
      reportSha256: check.body.sha256,
      headSeq: check.body.headSeq,
      headHash: check.body.headHash,
    });
    expect(check.body.headSeq).toBeGreaterThanOrEqual(3);

    const admin = await adminDataSource();
    await rewriteChain(admin, org.id, 1, { name: 'Another organisation', code: org.code }).finally(() => admin.destroy());
    // The rewrite is self-consistent: entry by entry, the chain verifies.
    await expect(verifyChain(t.dataSource, org.id)).resolves.toMatchObject({ firstBroken: null });
    const after = await api(t.url, 'GET', `/api/organizations/${org.id}/audit-log/verify`, { token: org.hrToken });
    expect(after.body).toMatchObject({ valid: false, firstBrokenAt: null, anchors: { checked: 1, mismatched: [reportId] } });
  });

  it('is not fooled by a forged head signed with a key the superuser put in the key table', async () => {
    const [report] = await t.dataSource.query(`SELECT key_id, sha256, head_seq::int AS seq FROM audit_reports WHERE id = $1`, [reportId]);
    const [entry] = await t.dataSource.query(`SELECT hash FROM audit_chain WHERE chain_id = $1 AND seq = $2`, [org.id, report.seq]);
    const forger = generateKeyPairSync('ed25519');
    const statement = headStatementBytes({ organizationId: org.id, reportId, reportSha256: report.sha256, headSeq: report.seq, headHash: entry.hash });
    const forged = sign(null, statement, forger.privateKey).toString('base64');
    const [original] = await t.dataSource.query(`SELECT public_key_pem FROM signing_keys WHERE key_id = $1`, [report.key_id]);
    const forgedPem = forger.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const forgedKeyId = keyIdOf(forger.publicKey);
    await t.dataSource.query(`INSERT INTO signing_keys (key_id, public_key_pem) VALUES ($1, $2)`, [forgedKeyId, forgedPem]);
    try {
      // The report's own key row replaced, and the head and its signature rewritten to the new chain.
      await t.dataSource.query(`UPDATE signing_keys SET public_key_pem = $2 WHERE key_id = $1`, [report.key_id, forgedPem]);
      await t.dataSource.query(`UPDATE audit_reports SET head_hash = $2, head_signature = $3 WHERE id = $1`, [reportId, entry.hash, forged]);
      // Checked with the key the database now publishes, the forgery would pass.
      const published = await api(t.url, 'GET', '/api/keys/audit-reports');
      const pem = published.body.keys.find((k: { keyId: string }) => k.keyId === report.key_id).publicKeyPem;
      expect(verify(null, statement, createPublicKey(pem), Buffer.from(forged, 'base64'))).toBe(true);
      const replaced = await api(t.url, 'GET', `/api/organizations/${org.id}/audit-log/verify`, { token: org.hrToken });
      expect(replaced.body).toMatchObject({ valid: false, firstBrokenAt: null, anchors: { checked: 1, mismatched: [reportId] } });
      // Or a key row of the forger's own, with the report pointing to it.
      await t.dataSource.query(`UPDATE signing_keys SET public_key_pem = $2 WHERE key_id = $1`, [report.key_id, original.public_key_pem]);
      await t.dataSource.query(`UPDATE audit_reports SET key_id = $2 WHERE id = $1`, [reportId, forgedKeyId]);
      const added = await api(t.url, 'GET', `/api/organizations/${org.id}/audit-log/verify`, { token: org.hrToken });
      expect(added.body).toMatchObject({ valid: false, anchors: { checked: 1, mismatched: [reportId] } });
    } finally {
      await t.dataSource.query(`UPDATE signing_keys SET public_key_pem = $2 WHERE key_id = $1`, [report.key_id, original.public_key_pem]);
    }
  });
});
